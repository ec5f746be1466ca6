package dev.perfmonitoring.testing;

import dev.perfmonitoring.stack.process.PushgatewayServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real Pushgateway for a {@code @QuarkusTest} (or {@code @QuarkusIntegrationTest}) and hands its URL to
 * the application through the configuration property named by the {@code property} init argument (default
 * {@code push-gateway.url}). Fields of type {@link PushgatewayServer} annotated {@link InjectPushgateway} in the
 * test class receive the running server.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = PushgatewayTestResource.class, initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
 * class ExporterResourceTest {
 *     @InjectPushgateway PushgatewayServer pushgateway;
 * }
 * }</pre>
 */
public class PushgatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private String property = "push-gateway.url";
    private PushgatewayServer pushgateway;

    @Override
    public void init(Map<String, String> initArgs) {
        property = initArgs.getOrDefault("property", property);
    }

    @Override
    public Map<String, String> start() {
        pushgateway = PushgatewayServer.start();
        return Map.of(property, pushgateway.url());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(pushgateway,
                new TestInjector.AnnotatedAndMatchesType(InjectPushgateway.class, PushgatewayServer.class));
    }

    @Override
    public void stop() {
        if (pushgateway != null) {
            pushgateway.close();
        }
    }
}
