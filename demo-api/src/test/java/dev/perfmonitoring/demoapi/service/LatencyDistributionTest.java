package dev.perfmonitoring.demoapi.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import dev.perfmonitoring.demoapi.config.DemoApiConfig.LatencyMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulated delays, drawn from a seeded generator so every figure here is the same on every run. */
class LatencyDistributionTest {

    private static final int DRAWS = 20_000;

    @Test
    void offDrawsNoDelay() {
        LatencyDistribution off = new LatencyDistribution(LatencyMode.OFF, 0.8, ms(25), ms(1000));

        assertThat(drawMillis(off)).containsOnly(0.0);
    }

    @Test
    void uniformSpreadsEvenlyFromZeroToMaxLikePrometric() {
        double[] millis = drawMillis(new LatencyDistribution(LatencyMode.UNIFORM, 0.8, ms(25), ms(1000)));

        assertThat(Arrays.stream(millis).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(millis).max().orElseThrow()).isLessThan(1000.0);
        assertThat(percentile(millis, 0.5)).isBetween(480.0, 520.0);
        assertThat(percentile(millis, 0.95)).isBetween(930.0, 970.0);
    }

    @Test
    void longTailCentresOnTheMedianWithAFewSlowRequestsCappedAtMax() {
        double[] millis = drawMillis(new LatencyDistribution(LatencyMode.LONG_TAIL, 0.8, ms(25), ms(150)));

        assertThat(percentile(millis, 0.5)).isBetween(24.0, 26.0);
        // log-normal: p95 = median * e^(1.645 * 0.8) = 93 ms
        assertThat(percentile(millis, 0.95)).isBetween(88.0, 98.0);
        assertThat(Arrays.stream(millis).max().orElseThrow()).isEqualTo(150.0);
    }

    @Test
    void longTailWithoutSpreadIsAlwaysTheMedian() {
        assertThat(drawMillis(new LatencyDistribution(LatencyMode.LONG_TAIL, 0, ms(120), ms(1000))))
                .containsOnly(120.0);
    }

    @Test
    void cappedForTheWarmUpKeepsItsShapeWithinTheCap() {
        LatencyDistribution longTail = new LatencyDistribution(LatencyMode.LONG_TAIL, 0.8, ms(25), ms(150));
        double[] capped = drawMillis(longTail.cappedAt(ms(1)));

        assertThat(Arrays.stream(capped).max().orElseThrow()).isEqualTo(1.0);
        // the median scaled like the cap: 25 ms of 150 -> 1/6 ms
        assertThat(percentile(capped, 0.5)).isBetween(0.16, 0.174);
        assertThat(Arrays.stream(capped).min().orElseThrow()).isGreaterThan(0.0);
        LatencyDistribution small = new LatencyDistribution(LatencyMode.UNIFORM, 0.8, ms(0), ms(1));
        assertThat(small.cappedAt(ms(1))).isSameAs(small);
    }

    /** The defaults keep p95 under half of the team's default SLO thresholds, and at most 1 % over a threshold. */
    @ParameterizedTest(name = "{0}: threshold {1} ms")
    @CsvSource({ "get, 200", "list, 400", "create, 300", "update, 300", "delete, 300" })
    void defaultsKeepP95WellUnderTheDefaultSloThresholds(String operation, int thresholdMillis) throws Exception {
        LatencyDistribution defaults = new LatencyDistribution(LatencyMode.valueOf(defaultOf("mode")
                .replace('-', '_').toUpperCase()), Double.parseDouble(defaultOf("spread")),
                DurationConverter.parseDuration(defaultOf(operation + "Median")),
                DurationConverter.parseDuration(defaultOf(operation + "Max")));

        double[] millis = drawMillis(defaults);

        assertThat(defaults.mode()).isEqualTo(LatencyMode.LONG_TAIL);
        assertThat(percentile(millis, 0.95)).isLessThan(thresholdMillis / 2.0);
        assertThat(Arrays.stream(millis).filter(value -> value > thresholdMillis).count()).isLessThan(DRAWS / 100);
        assertThat(percentile(millis, 0.95) / percentile(millis, 0.05)).as("a spread worth a histogram")
                .isGreaterThan(10.0);
    }

    private static String defaultOf(String method) throws NoSuchMethodException {
        return DemoApiConfig.Latency.class.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static double[] drawMillis(LatencyDistribution distribution) {
        RandomGenerator random = new SplittableRandom(42);
        double[] millis = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            millis[i] = distribution.draw(random).toNanos() / 1e6;
        }
        return millis;
    }

    private static double percentile(double[] values, double quantile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1];
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
