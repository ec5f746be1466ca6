package dev.perfmonitoring.exposer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.exposer.ExposerConfigs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks that span keys; each problem names its key and environment variable. */
class ConfigurationCheckTest {

    private static final Set<String> KNOWN_KEYS = Set.of("exposer.seed", "exposer.cardinality.label-values");

    @Test
    void acceptsTheDefaults() {
        assertThat(problems(Map.of())).isEmpty();
    }

    @Test
    void rejectsFailureAndCancelRatiosAddingUpToMoreThanAllOrders() {
        assertThat(problems(Map.of("exposer.orders.failure-ratio", "0.7", "exposer.orders.cancel-ratio", "0.4")))
                .singleElement().asString()
                .contains("exposer.orders.failure-ratio (EXPOSER_ORDERS_FAILURE_RATIO)",
                        "exposer.orders.cancel-ratio (EXPOSER_ORDERS_CANCEL_RATIO)", "more than 1");
    }

    @Test
    void rejectsBucketsThatDoNotIncrease() {
        assertThat(problems(Map.of("exposer.latency.buckets", "0.1,0.3,0.3")))
                .singleElement().asString()
                .contains("exposer.latency.buckets (EXPOSER_LATENCY_BUCKETS)", "strictly increasing");
    }

    @Test
    void rejectsBucketsThatAreNotPositive() {
        assertThat(problems(Map.of("exposer.latency.buckets", "0,0.3")))
                .singleElement().asString()
                .contains("exposer.latency.buckets", "0.0 is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0,0.5", "0.5,1", "0.5,1.5", "0.9,0.5"})
    void rejectsQuantilesOutsideTheOpenUnitIntervalOrOutOfOrder(String quantiles) {
        assertThat(problems(Map.of("exposer.response-size.quantiles", quantiles)))
                .singleElement().asString()
                .contains("exposer.response-size.quantiles (EXPOSER_RESPONSE_SIZE_QUANTILES)");
    }

    @Test
    void rejectsShapePeriodsShorterThanTwoTicks() {
        assertThat(problems(Map.of("exposer.tick-interval", "1m", "exposer.temperature.period", "90s",
                "exposer.queue.period", "2m")))
                .singleElement().asString()
                .contains("exposer.temperature.period (EXPOSER_TEMPERATURE_PERIOD)", "exposer.tick-interval");
    }

    @Test
    void acceptsTheLargestCardinalityWithinTheSeriesBound() {
        assertThat(problems(Map.of("exposer.cardinality.label-values", "384"))).isEmpty();
    }

    @Test
    void rejectsACardinalityAboveTheSeriesBoundNamingTheKeyAndTheLimit() {
        assertThat(problems(Map.of("exposer.cardinality.label-values", "385")))
                .singleElement().asString()
                .isEqualTo("exposer.cardinality.label-values (EXPOSER_CARDINALITY_LABEL_VALUES) = 385 would expose"
                        + " 10011 sample series, more than the bound of 10000: use at most 384 with 12 latency"
                        + " buckets and 3 quantiles");
    }

    @Test
    void fewerBucketsAndQuantilesLeaveRoomForMoreLabelValues() {
        Map<String, String> lean = Map.of("exposer.latency.buckets", "0.3", "exposer.response-size.quantiles", "0.5");

        assertThat(problems(with(lean, "exposer.cardinality.label-values", "769"))).isEmpty();
        assertThat(problems(with(lean, "exposer.cardinality.label-values", "770")))
                .singleElement().asString().contains("use at most 769");
    }

    @Test
    void rejectsEnvironmentVariablesThatMatchNoSetting() {
        List<String> problems = ConfigurationCheck.problems(ExposerConfigs.defaults(),
                Map.of("EXPOSER_SEED", "1", "EXPOSER_CARDINALITY_LABELS", "5", "HOME", "/root"), KNOWN_KEYS);

        assertThat(problems).singleElement().asString()
                .startsWith("environment variable EXPOSER_CARDINALITY_LABELS matches no exposer setting")
                .contains("EXPOSER_CARDINALITY_LABEL_VALUES");
    }

    @Test
    void acceptsKubernetesServiceLinkVariablesAndTheLocalStackPortSetting() {
        Map<String, String> environment = Map.of(
                "EXPOSER_PORT", "tcp://10.0.0.7:8001",
                "EXPOSER_PORT_8001_TCP_ADDR", "10.0.0.7",
                "EXPOSER_SERVICE_HOST", "10.0.0.7",
                "EXPOSER_SERVICE_PORT_HTTP", "8001");

        assertThat(ConfigurationCheck.problems(ExposerConfigs.defaults(), environment, KNOWN_KEYS)).isEmpty();
        assertThat(ConfigurationCheck.problems(ExposerConfigs.defaults(), Map.of("EXPOSER_PORTS", "1"), KNOWN_KEYS))
                .singleElement().asString().startsWith("environment variable EXPOSER_PORTS matches no exposer setting");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(problems(Map.of("exposer.cardinality.label-values", "1000", "exposer.latency.buckets", "1,0.5")))
                .hasSize(2);
    }

    @Test
    void spellsKeysAsEnvironmentVariables() {
        assertThat(ConfigurationCheck.environmentName("exposer.response-size.median-bytes"))
                .isEqualTo("EXPOSER_RESPONSE_SIZE_MEDIAN_BYTES");
    }

    private static List<String> problems(Map<String, String> overrides) {
        return ConfigurationCheck.problems(ExposerConfigs.with(overrides), Map.of(), KNOWN_KEYS);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> merged = new HashMap<>(base);
        merged.put(key, value);
        return merged;
    }
}
