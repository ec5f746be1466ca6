package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.awaitPushed;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.pushedLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code EXPORTER_PUSH_MODE=sync}: the write pushes inside the request, as the original exporter did. */
@QuarkusTest
@TestProfile(SyncPushModeTest.SyncMode.class)
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class SyncPushModeTest {

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @Test
    void answers200OnceTheValueIsOnThePushgateway() {
        post("/updateTotal", "{\"totalReq\": 3, \"testid\": \"sync-1\"}")
                .statusCode(200)
                .body("pushed", equalTo(true));

        assertThat(pushedLines(pushgateway, "sync-1")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-1\"} 3");

        post("/updateTotal", "{\"totalReq\": 4, \"testid\": \"sync-1\"}").statusCode(200);
        assertThat(pushedLines(pushgateway, "sync-1")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-1\"} 7");
    }

    @Test
    void acceptsWith202WhenThePushFailsAndPushesOnceThePushgatewayIsBack() {
        pushgateway.stop();
        try {
            post("/updateTotal", "{\"totalReq\": 5, \"testid\": \"sync-outage\"}")
                    .statusCode(202)
                    .body("pushed", equalTo(false));
        } finally {
            pushgateway.restart();
        }

        Map<String, Object> run = awaitPushed("sync-outage");
        assertThat(run).containsEntry("updates", 1);
        assertThat(pushedLines(pushgateway, "sync-outage")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-outage\"} 5");
    }

    public static class SyncMode implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exporter.push-mode", "sync");
        }
    }
}
