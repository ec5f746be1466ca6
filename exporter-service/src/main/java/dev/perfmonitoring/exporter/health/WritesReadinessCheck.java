package dev.perfmonitoring.exporter.health;

import dev.perfmonitoring.exporter.service.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the exporter is ready whenever it can accept and keep writes, which it can as long as it answers, so this
 * check is UP and only reports how many runs it holds. It does not follow the Pushgateway (see
 * {@link PushgatewayHealthCheck}): writes are kept through a Pushgateway outage and pushed when it is back.
 */
@Readiness
@ApplicationScoped
public class WritesReadinessCheck implements HealthCheck {

    private final RunStore runs;

    public WritesReadinessCheck(RunStore runs) {
        this.runs = runs;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("writes")
                .up()
                .withData("runs", runs.runCount())
                .withData("maxRuns", runs.maxRuns())
                .build();
    }
}
