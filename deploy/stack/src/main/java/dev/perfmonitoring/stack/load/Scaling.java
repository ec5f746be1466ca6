package dev.perfmonitoring.stack.load;

import java.time.Duration;

/**
 * How a run changes the scenario file's numbers, exactly as the k6 script does (its {@code scaledCount},
 * {@code scaledRate}, {@code scaledDuration}, in the same floating-point operations): {@code scale} (k6's SCALE)
 * multiplies durations and iteration counts, {@code rate} (k6's RATE, perf-stack's {@code --rate}) multiplies
 * arrival rates and iteration counts. Counts and rates are rounded and at least 1 (k6 takes whole numbers); durations
 * are whole seconds and at least 1 s (k6's shortest executor duration).
 */
record Scaling(double scale, double rate) {

    Scaling {
        if (!(scale > 0) || !(rate > 0) || Double.isInfinite(scale) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("scale and rate must be positive, got " + scale + " and " + rate);
        }
    }

    /** A run of {@code length} where the file's numbers are for {@code nominal}: SCALE = length / nominal. */
    static Scaling of(Duration length, Duration nominal, double rate) {
        return new Scaling((double) length.toMillis() / nominal.toMillis(), rate);
    }

    long count(long count) {
        return Math.max(1, Math.round(count * scale * rate));
    }

    long rate(long perTimeUnit) {
        return Math.max(1, Math.round(perTimeUnit * rate));
    }

    Duration duration(Duration duration) {
        return Duration.ofSeconds(Math.max(1, Math.round(K6Duration.seconds(duration) * scale)));
    }
}
