package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig.LatencyMode;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The simulated delays of one operation. */
public record LatencyDistribution(LatencyMode mode, double spread, Duration median, Duration max) {

    /** One delay: log-normal around the median capped at max, uniform from zero to max, or zero. */
    public Duration draw(RandomGenerator random) {
        return switch (mode) {
            case OFF -> Duration.ZERO;
            case UNIFORM -> Duration.ofNanos((long) (random.nextDouble() * max.toNanos()));
            case LONG_TAIL -> {
                double nanos = median.toNanos() * Math.exp(spread * random.nextGaussian());
                yield Duration.ofNanos((long) Math.min(nanos, max.toNanos()));
            }
        };
    }
}
