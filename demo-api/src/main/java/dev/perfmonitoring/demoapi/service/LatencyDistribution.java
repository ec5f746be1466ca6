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

    /** The same distribution scaled down so that no delay exceeds {@code cap} (the same when it is already within). */
    public LatencyDistribution cappedAt(Duration cap) {
        if (max.compareTo(cap) <= 0) {
            return this;
        }
        double scale = (double) cap.toNanos() / max.toNanos();
        return new LatencyDistribution(mode, spread, Duration.ofNanos((long) (median.toNanos() * scale)), cap);
    }
}
