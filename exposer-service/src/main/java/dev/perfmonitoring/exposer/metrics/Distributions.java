package dev.perfmonitoring.exposer.metrics;

import java.util.random.RandomGenerator;

/** The random draws behind the sample values; all take the caller's seeded generator, so values are reproducible. */
final class Distributions {

    /** Above this mean the Poisson draw uses the normal approximation, which is close and costs one draw. */
    private static final double NORMAL_APPROXIMATION_FROM = 30;

    private Distributions() {
    }

    /** Events in an interval when {@code mean} are expected: how many orders or requests arrive in one step. */
    static long poisson(RandomGenerator random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= NORMAL_APPROXIMATION_FROM) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        long events = 0;
        double product = random.nextDouble();
        while (product > limit) {
            events++;
            product *= random.nextDouble();
        }
        return events;
    }

    /** A log-normal value around {@code median}: most values near it, a long tail to the right. */
    static double logNormal(RandomGenerator random, double median, double spread) {
        return median * Math.exp(spread * random.nextGaussian());
    }

    /** {@code value} rounded to two decimals, so gauges read like instruments rather than float noise. */
    static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
