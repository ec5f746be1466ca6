package dev.perfmonitoring.stack.load;

import java.time.Duration;
import java.util.Locale;

/**
 * k6's {@code constant-arrival-rate}: {@code rate} iterations start per {@code timeUnit} for {@code duration}, each on
 * a free VU; with every VU busy the iteration is dropped. k6 starts {@code preAllocatedVUs} and adds VUs up to
 * {@code maxVUs} when they are all busy; the runner starts {@code maxVUs} at once (see
 * {@link ConstantArrivalRate}).
 */
record ConstantArrivalRateConfig(long rate, Duration timeUnit, Duration duration, long preAllocatedVUs, long maxVUs,
        Duration gracefulStop) implements ExecutorConfig {

    static final String TYPE = "constant-arrival-rate";

    /** k6's rules ({@code ConstantArrivalRateConfig.Validate}). */
    ConstantArrivalRateConfig {
        if (rate < 1 || timeUnit.isNegative() || timeUnit.isZero()) {
            throw new IllegalArgumentException("constant-arrival-rate needs a rate of at least 1 per positive timeUnit,"
                    + " got " + rate + " per " + timeUnit);
        }
        if (preAllocatedVUs < 0 || maxVUs < Math.max(1, preAllocatedVUs)) {
            throw new IllegalArgumentException("constant-arrival-rate needs maxVUs of at least 1 and preAllocatedVUs,"
                    + " got preAllocatedVUs " + preAllocatedVUs + " and maxVUs " + maxVUs);
        }
        ExecutorConfig.requireAtLeastASecond("duration", duration);
        ExecutorConfig.requireNotNegative("gracefulStop", gracefulStop);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public long maxVus() {
        return maxVUs;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%.2f iterations/s for %s, maxVUs: %d (gracefulStop: %s)",
                rate / K6Duration.seconds(timeUnit), K6Duration.format(duration), maxVUs,
                K6Duration.format(gracefulStop));
    }

    /** Rate times RATE, duration times SCALE; timeUnit and VUs as they are. */
    @Override
    public ConstantArrivalRateConfig scaled(Scaling scaling) {
        return new ConstantArrivalRateConfig(scaling.rate(rate), timeUnit, scaling.duration(duration),
                preAllocatedVUs, maxVUs, gracefulStop);
    }

    /** Time between two iteration starts: timeUnit / rate. */
    Duration period() {
        return timeUnit.dividedBy(rate);
    }
}
