package dev.perfmonitoring.exporter.health;

import dev.perfmonitoring.exporter.service.PushgatewayClient;
import dev.perfmonitoring.exporter.service.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness follows the Pushgateway: UP while it answers {@code /-/ready} and no group's last push failed. Liveness
 * has no such check, so an outage never gets the exporter restarted (which would lose the state it keeps).
 */
@Readiness
@ApplicationScoped
public class PushgatewayReadinessCheck implements HealthCheck {

    private final PushgatewayClient pushgateway;
    private final RunStore runs;

    public PushgatewayReadinessCheck(PushgatewayClient pushgateway, RunStore runs) {
        this.pushgateway = pushgateway;
        this.runs = runs;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = pushgateway.isReady();
        long failingGroups = runs.failingGroups();
        return HealthCheckResponse.named("pushgateway")
                .status(reachable && failingGroups == 0)
                .withData("url", pushgateway.url())
                .withData("reachable", reachable)
                .withData("groupsFailingToPush", failingGroups)
                .withData("unpushedDataAgeSeconds", runs.unpushedDataAge().toSeconds())
                .build();
    }
}
