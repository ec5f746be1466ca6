package dev.perfmonitoring.stack.load;

import java.time.Duration;

/**
 * k6's {@code shared-iterations}: {@code vus} VUs share {@code iterations}, each VU taking the next one as soon as it
 * is free, until all are done or {@code maxDuration} is over.
 */
record SharedIterationsConfig(long vus, long iterations, Duration maxDuration, Duration gracefulStop)
        implements ExecutorConfig {

    static final String TYPE = "shared-iterations";

    /** k6's rules ({@code SharedIterationsConfig.Validate}; durations of at least k6's {@code minDuration}). */
    SharedIterationsConfig {
        if (vus < 1 || iterations < vus) {
            throw new IllegalArgumentException("shared-iterations needs at least 1 VU and no fewer iterations than VUs,"
                    + " got " + vus + " VUs and " + iterations + " iterations");
        }
        ExecutorConfig.requireAtLeastASecond("maxDuration", maxDuration);
        ExecutorConfig.requireNotNegative("gracefulStop", gracefulStop);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long maxVus() {
        return vus;
    }

    @Override
    public String description() {
        return iterations + " iterations shared among " + vus + " VUs (maxDuration: " + K6Duration.format(maxDuration)
                + ", gracefulStop: " + K6Duration.format(gracefulStop) + ")";
    }

    /**
     * Iterations times SCALE and RATE, maxDuration times SCALE. k6 refuses fewer iterations than VUs
     * ({@code SharedIterationsConfig.Validate}), so a count scaled below the VUs takes that many VUs.
     */
    @Override
    public SharedIterationsConfig scaled(Scaling scaling) {
        long scaledIterations = scaling.count(iterations);
        return new SharedIterationsConfig(Math.min(vus, scaledIterations), scaledIterations,
                scaling.duration(maxDuration), gracefulStop);
    }
}
