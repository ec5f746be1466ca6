package dev.perfmonitoring.exposer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.exposer.ExposerConfigs;
import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.exposer.metrics.SampleSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Value evolution over simulated time: a manual clock moves, the generator catches up, the exposition is read. */
class SampleGeneratorTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String COUNT = "sample_request_duration_seconds_count{endpoint=\"endpoint-1\"}";
    private static final String SUM = "sample_request_duration_seconds_sum{endpoint=\"endpoint-1\"}";

    @Test
    void sameSeedGivesTheSameValuesAtTheSameSimulatedTime() {
        String first = new Simulation(Map.of("exposer.seed", "7")).advance(Duration.ofMinutes(2)).exposition();
        String second = new Simulation(Map.of("exposer.seed", "7")).advance(Duration.ofMinutes(2)).exposition();
        String otherSeed = new Simulation(Map.of("exposer.seed", "8")).advance(Duration.ofMinutes(2)).exposition();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void catchingUpManyStepsAtOnceGivesTheSameValuesAsOneStepAtATime() {
        Simulation stepByStep = new Simulation(Map.of());
        for (int second = 0; second < 90; second++) {
            stepByStep.advance(SECOND);
        }
        Simulation atOnce = new Simulation(Map.of()).advance(Duration.ofSeconds(90));

        assertThat(atOnce.exposition()).isEqualTo(stepByStep.exposition());
        assertThat(atOnce.generator.step()).isEqualTo(90);
    }

    @Test
    void valuesOnlyChangeWhenAWholeTickHasPassed() {
        Simulation simulation = new Simulation(Map.of("exposer.tick-interval", "5s"));
        String atStart = simulation.exposition();

        simulation.advance(Duration.ofMillis(4999));
        assertThat(simulation.exposition()).isEqualTo(atStart);
        assertThat(simulation.generator.step()).isZero();

        simulation.advance(Duration.ofMillis(1));
        assertThat(simulation.exposition()).isNotEqualTo(atStart);
        assertThat(simulation.generator.step()).isEqualTo(1);
    }

    @Test
    void temperatureFollowsASineWaveWithTheRoomsEvenlyOutOfPhase() {
        Simulation simulation = new Simulation(Map.of("exposer.temperature.noise-celsius", "0",
                "exposer.temperature.period", "4m", "exposer.cardinality.label-values", "4"));

        assertThat(temperatures(simulation)).containsExactly(21.0, 25.0, 21.0, 17.0);
        simulation.advance(Duration.ofMinutes(1));
        assertThat(temperatures(simulation)).containsExactly(25.0, 21.0, 17.0, 21.0);
        simulation.advance(Duration.ofSeconds(20));
        assertThat(simulation.value("sample_temperature_celsius{room=\"room-1\"}"))
                .isEqualTo(21 + 4 * Math.sin(2 * Math.PI * 80 / 240), within(0.005));
        simulation.advance(Duration.ofSeconds(100));
        assertThat(temperatures(simulation)).containsExactly(17.0, 21.0, 25.0, 21.0);
    }

    @Test
    void temperatureNoiseScattersReadingsAroundTheWave() {
        Simulation simulation = new Simulation(Map.of("exposer.temperature.noise-celsius", "0.5",
                "exposer.temperature.period", "4m"));
        List<Double> deviations = new ArrayList<>();
        for (int step = 1; step <= 240; step++) {
            simulation.advance(SECOND);
            double wave = 21 + 4 * Math.sin(2 * Math.PI * step / 240.0);
            deviations.add(simulation.value("sample_temperature_celsius{room=\"room-1\"}") - wave);
        }

        assertThat(deviations).allSatisfy(deviation -> assertThat(Math.abs(deviation)).isLessThan(2.5));
        assertThat(deviations.stream().filter(deviation -> Math.abs(deviation) > 0.01).count()).isGreaterThan(200);
    }

    @Test
    void queueDepthRisesSteadilyAndIsDrainedAtCapacity() {
        Simulation simulation = new Simulation(Map.of("exposer.queue.capacity", "100",
                "exposer.queue.period", "100s", "exposer.cardinality.label-values", "2"));
        String first = "sample_queue_depth{queue=\"queue-1\"}";
        String second = "sample_queue_depth{queue=\"queue-2\"}";

        assertThat(simulation.value(first)).isZero();
        assertThat(simulation.value(second)).isEqualTo(50);
        simulation.advance(Duration.ofSeconds(49));
        assertThat(simulation.value(first)).isEqualTo(49);
        assertThat(simulation.value(second)).isEqualTo(99);
        simulation.advance(SECOND);
        assertThat(simulation.value(first)).isEqualTo(50);
        assertThat(simulation.value(second)).isZero();
        simulation.advance(Duration.ofSeconds(49));
        assertThat(simulation.value(first)).isEqualTo(99);
        simulation.advance(SECOND);
        assertThat(simulation.value(first)).isZero();
    }

    @Test
    void stockPriceWalksRandomlyAndStaysPositive() {
        Simulation simulation = new Simulation(Map.of("exposer.stock.volatility", "0.02"));
        String series = "sample_stock_price{symbol=\"symbol-1\"}";
        List<Double> prices = new ArrayList<>();
        for (int step = 0; step < 600; step++) {
            simulation.advance(SECOND);
            prices.add(simulation.value(series));
        }

        assertThat(prices).allSatisfy(price -> assertThat(price).isPositive());
        assertThat(prices.stream().distinct().count()).isGreaterThan(500);
        assertThat(ups(prices)).isBetween(200L, 400L);
    }

    @Test
    void stockPriceWithoutVolatilityStaysAtTheStartPrice() {
        Simulation simulation = new Simulation(Map.of("exposer.stock.volatility", "0",
                "exposer.stock.start-price", "42.5"));

        simulation.advance(Duration.ofMinutes(10));

        assertThat(simulation.value("sample_stock_price{symbol=\"symbol-2\"}")).isEqualTo(42.5);
    }

    @Test
    void ordersOnlyGoUpAndSplitIntoTheConfiguredOutcomeShares() {
        Simulation simulation = new Simulation(Map.of("exposer.cardinality.label-values", "1"));
        double previousTotal = 0;
        for (int step = 0; step < 200; step++) {
            simulation.advance(Duration.ofSeconds(10));
            double total = orders(simulation, "shop-1");
            assertThat(total).isGreaterThanOrEqualTo(previousTotal);
            previousTotal = total;
        }

        // 2 000 s at 5 orders/s: 10 000 orders expected (Poisson, standard deviation 100)
        assertThat(previousTotal).isBetween(9_500.0, 10_500.0);
        assertThat(order(simulation, "shop-1", "failed") / previousTotal).isBetween(0.04, 0.06);
        assertThat(order(simulation, "shop-1", "cancelled") / previousTotal).isBetween(0.02, 0.04);
    }

    @Test
    void orderBurstsSpreadOrdersEvenlyOverTheShops() {
        Simulation simulation = new Simulation(Map.of());

        simulation.generator.orderBurst(300);
        assertThat(orders(simulation, "shop-2")).isEqualTo(100);

        double failedBefore = order(simulation, "shop-3", "failed");
        simulation.generator.failureBurst(30);
        assertThat(order(simulation, "shop-3", "failed")).isEqualTo(failedBefore + 10);
        assertThat(orders(simulation, "shop-3")).isEqualTo(110);
    }

    @Test
    void histogramCountsEachRequestInEveryBucketWhoseBoundIsAtLeastItsDuration() {
        Simulation simulation = new Simulation(Map.of("exposer.latency.spread", "0",
                "exposer.cardinality.label-values", "1")).advance(Duration.ofSeconds(10));
        double count = simulation.value(COUNT);

        assertThat(count).isBetween(100.0, 300.0);
        assertThat(bucket(simulation, "0.05")).isZero();
        assertThat(bucket(simulation, "0.1")).isEqualTo(count);
        assertThat(bucket(simulation, "+Inf")).isEqualTo(count);
        assertThat(simulation.value(SUM)).isEqualTo(0.1 * count, within(1e-9));
    }

    @Test
    void histogramHasALongRightTail() {
        Simulation simulation = new Simulation(Map.of("exposer.cardinality.label-values", "1"))
                .advance(Duration.ofMinutes(20));
        double count = simulation.value(COUNT);

        // log-normal, median 0.1 s, spread 0.6: half under the median, ~96.7 % under 300 ms, ~0.4 % over 500 ms
        assertThat(bucket(simulation, "0.1") / count).isBetween(0.48, 0.52);
        assertThat(bucket(simulation, "0.3") / count).isBetween(0.955, 0.975);
        assertThat(count - bucket(simulation, "0.5")).isBetween(40.0, 160.0);
        List<Double> cumulative = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.2", "0.3", "0.4", "0.5", "1.0",
                "2.5", "5.0", "+Inf").stream().map(bound -> bucket(simulation, bound)).toList();
        assertThat(cumulative).isSorted();
    }

    @Test
    void latencySpikeMultipliesDurationsForItsStepsOnly() {
        Simulation simulation = new Simulation(Map.of("exposer.latency.spread", "0",
                "exposer.cardinality.label-values", "1")).advance(Duration.ofSeconds(10));
        double normal = simulation.value(COUNT);

        assertThat(simulation.generator.latencySpike(Duration.ofSeconds(10))).isEqualTo(10);
        simulation.advance(Duration.ofSeconds(10));
        double afterSpike = simulation.value(COUNT);
        assertThat(afterSpike).isGreaterThan(normal);
        assertThat(bucket(simulation, "0.4")).isEqualTo(normal);
        assertThat(bucket(simulation, "0.5")).isEqualTo(afterSpike);

        simulation.advance(Duration.ofSeconds(10));
        assertThat(bucket(simulation, "0.1")).isEqualTo(normal + simulation.value(COUNT) - afterSpike);
    }

    @Test
    void summaryWithoutSpreadReportsTheMedianAtEveryQuantile() {
        Simulation simulation = new Simulation(Map.of("exposer.response-size.spread", "0",
                "exposer.response-size.median-bytes", "2048")).advance(Duration.ofMinutes(1));

        assertThat(simulation.values()).containsEntry(
                        "sample_response_size_bytes{endpoint=\"endpoint-2\",quantile=\"0.5\"}", 2048.0)
                .containsEntry("sample_response_size_bytes{endpoint=\"endpoint-2\",quantile=\"0.99\"}", 2048.0);
        assertThat(simulation.value("sample_response_size_bytes_sum{endpoint=\"endpoint-2\"}"))
                .isEqualTo(2048 * simulation.value("sample_response_size_bytes_count{endpoint=\"endpoint-2\"}"));
    }

    @Test
    void summaryQuantilesAreTakenOverTheLatestWindowOfResponses() {
        Simulation wide = new Simulation(Map.of()).advance(Duration.ofMinutes(1));
        Simulation single = new Simulation(Map.of("exposer.response-size.window", "1")).advance(Duration.ofMinutes(1));

        assertThat(List.of(quantile(wide, "0.5"), quantile(wide, "0.9"), quantile(wide, "0.99")))
                .isSorted().doesNotHaveDuplicates();
        assertThat(quantile(single, "0.5")).isEqualTo(quantile(single, "0.99"));
        assertThat(single.value("sample_response_size_bytes_count{endpoint=\"endpoint-1\"}"))
                .isEqualTo(wide.value("sample_response_size_bytes_count{endpoint=\"endpoint-1\"}"));
    }

    @Test
    void summaryAndHistogramObserveTheSameRequests() {
        Simulation simulation = new Simulation(Map.of()).advance(Duration.ofMinutes(3));

        assertThat(simulation.value("sample_response_size_bytes_count{endpoint=\"endpoint-3\"}"))
                .isEqualTo(simulation.value("sample_request_duration_seconds_count{endpoint=\"endpoint-3\"}"));
    }

    @Test
    void deployRestartsCountersHistogramAndSummaryAndChangesTheRevision() {
        Simulation simulation = new Simulation(Map.of()).advance(Duration.ofMinutes(1));
        String revision = revision(simulation);
        double temperature = simulation.value("sample_temperature_celsius{room=\"room-1\"}");

        String deployed = simulation.generator.deploy();

        assertThat(deployed).matches("[0-9a-f]{7}").isNotEqualTo(revision);
        assertThat(revision(simulation)).isEqualTo(deployed);
        assertThat(orders(simulation, "shop-1")).isZero();
        assertThat(simulation.value(COUNT)).isZero();
        assertThat(simulation.value("sample_response_size_bytes_count{endpoint=\"endpoint-1\"}")).isZero();
        assertThat(simulation.value("sample_response_size_bytes{endpoint=\"endpoint-1\",quantile=\"0.5\"}")).isNaN();
        assertThat(simulation.value("sample_temperature_celsius{room=\"room-1\"}")).isEqualTo(temperature);

        simulation.advance(SECOND);
        assertThat(simulation.value(COUNT)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 384})
    void exposesExactlyTheSeriesTheCardinalityBudgetCounts(int labelValues) {
        Map<String, String> overrides = Map.of("exposer.cardinality.label-values", String.valueOf(labelValues));
        Simulation simulation = new Simulation(overrides).advance(SECOND);

        assertThat(Exposition.sampleLines(simulation.exposition()))
                .hasSize(SampleSeries.count(ExposerConfigs.with(overrides)))
                .hasSize(labelValues * 26 + 1);
    }

    @Test
    void skipsAheadInsteadOfReplayingMoreThanTheCatchUpLimit() {
        Simulation simulation = new Simulation(Map.of("exposer.cardinality.label-values", "1"))
                .advance(Duration.ofHours(2));

        assertThat(simulation.generator.step()).isEqualTo(7200);
        // only the last 3 600 steps ran: about 72 000 requests at 20/s, not 144 000
        assertThat(simulation.value(COUNT)).isBetween(70_000.0, 74_000.0);
    }

    private static List<Double> temperatures(Simulation simulation) {
        Map<String, Double> values = simulation.values();
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("sample_temperature_celsius"))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static long ups(List<Double> prices) {
        long ups = 0;
        for (int i = 1; i < prices.size(); i++) {
            if (prices.get(i) > prices.get(i - 1)) {
                ups++;
            }
        }
        return ups;
    }

    private static double order(Simulation simulation, String shop, String status) {
        return simulation.value("sample_orders_processed_total{shop=\"" + shop + "\",status=\"" + status + "\"}");
    }

    private static double orders(Simulation simulation, String shop) {
        return order(simulation, shop, "completed") + order(simulation, shop, "failed")
                + order(simulation, shop, "cancelled");
    }

    private static double bucket(Simulation simulation, String bound) {
        return simulation.value("sample_request_duration_seconds_bucket{endpoint=\"endpoint-1\",le=\"" + bound + "\"}");
    }

    private static double quantile(Simulation simulation, String quantile) {
        return simulation.value("sample_response_size_bytes{endpoint=\"endpoint-1\",quantile=\"" + quantile + "\"}");
    }

    private static String revision(Simulation simulation) {
        String line = Exposition.sampleLines(simulation.exposition()).stream()
                .filter(sample -> sample.startsWith("sample_build_info"))
                .findFirst().orElseThrow();
        return line.replaceAll(".*revision=\"([0-9a-f]+)\".*", "$1");
    }
}
