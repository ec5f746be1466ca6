package dev.perfmonitoring.demoapi.health;

import dev.perfmonitoring.demoapi.service.WarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the start-up {@link WarmUp} is over: a load test that waits for readiness meets compiled code. */
@Readiness
@ApplicationScoped
public class WarmUpReadinessCheck implements HealthCheck {

    private final WarmUp warmUp;

    public WarmUpReadinessCheck(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(warmUp.isFinished()).build();
    }
}
