package dev.perfmonitoring.exporter.health;

import dev.perfmonitoring.exporter.service.PushgatewayClient;
import dev.perfmonitoring.exporter.service.PushgatewayStatus;
import dev.perfmonitoring.exporter.service.RunStore;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Is everything accepted reaching the Pushgateway? UP while it answers {@code /-/ready} and no group's last push
 * failed. In the health group {@code pushgateway} ({@code /q/health/group/pushgateway}), deliberately outside
 * readiness and liveness: during a Pushgateway outage the exporter keeps accepting and keeping writes, so it must stay
 * in its Service (a load tool that cannot reach it aborts its test) and must not be restarted (which would lose what
 * it keeps). Monitor {@code exporter_pushgateway_up} and {@code exporter_unpushed_data_age_seconds} instead.
 */
@HealthGroup("pushgateway")
@ApplicationScoped
public class PushgatewayHealthCheck implements HealthCheck {

    private final PushgatewayClient pushgateway;
    private final PushgatewayStatus status;
    private final RunStore runs;

    public PushgatewayHealthCheck(PushgatewayClient pushgateway, PushgatewayStatus status, RunStore runs) {
        this.pushgateway = pushgateway;
        this.status = status;
        this.runs = runs;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = pushgateway.isReady();
        status.probed(reachable);
        long failingGroups = runs.failingGroups();
        return HealthCheckResponse.named("pushgateway")
                .status(reachable && failingGroups == 0)
                .withData("url", pushgateway.url())
                .withData("reachable", reachable)
                .withData("groupsFailingToPush", failingGroups)
                .withData("groupsAwaitingPushgatewayState", runs.groupsAwaitingPushgatewayState())
                .withData("unpushedDataAgeSeconds", runs.unpushedDataAge().toSeconds())
                .build();
    }
}
