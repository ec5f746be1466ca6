package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A distributed run of the Person scenario (the chart's {@code k6.runner=operator}: runner n of N runs the execution
 * segment (n-1)/N:n/N of the sequence 0,1/N,...,1): how k6 splits the script's scenarios among the runners, computed
 * with {@link ExecutionSegments} (k6's own algorithm, checked here against k6's own test cases) on the scenarios the
 * script builds in GraalJS. The totals never change; at the chart's default parallelism every runner runs every
 * scenario; a runner gets work only up to the largest scenario's VUs. And each runner reports its share to the exporter
 * under a run id of its own.
 */
class K6ScriptSegmentsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SCRIPT = ScenarioFile.location().resolveSibling("person-api.js");

    /** What one runner runs of one scenario: its VUs (maxVUs), iterations (shared-iterations), rate per timeUnit. */
    record Share(long vus, long iterations, double rate) {
    }

    @Test
    void stripingIsK6sOwnByK6sTestCases() {
        ExecutionSegments tenths = new ExecutionSegments(lengths("3/10", "1/5", "1/10", "1/10", "1/10", "1/10", "1/10"));
        ExecutionSegments fifthFirst = new ExecutionSegments(lengths("1/5", "3/10", "1/10", "1/10", "1/10", "1/10",
                "1/10"));
        ExecutionSegments halves = new ExecutionSegments(lengths("1/2", "1/2"));
        ExecutionSegments uneven = new ExecutionSegments(lengths("1/2", "1/4", "1/4"));

        // TestGetStripedOffsets: start, then offsets; lcd 10
        assertThat(tenths.lcd()).isEqualTo(10);
        assertThat(tenths.stripedOffsets(0)).containsExactly(0L, 4L, 3L, 3L);
        assertThat(tenths.stripedOffsets(1)).containsExactly(1L, 4L, 6L);
        assertThat(tenths.stripedOffsets(2)).containsExactly(2L, 10L);
        assertThat(tenths.stripedOffsets(3)).containsExactly(3L, 10L);
        assertThat(tenths.stripedOffsets(5)).containsExactly(8L, 10L);
        assertThat(tenths.stripedOffsets(6)).containsExactly(9L, 10L);
        assertThat(fifthFirst.stripedOffsets(0)).containsExactly(1L, 4L, 6L);
        assertThat(fifthFirst.stripedOffsets(3)).containsExactly(3L, 10L);
        assertThat(fifthFirst.stripedOffsets(6)).containsExactly(9L, 10L);
        // TestBigScale, TestExecutionTupleScale
        assertThat(new ExecutionSegments(lengths("7/20", "7/20", "3/10")).scale(0, 50)).isEqualTo(18);
        assertThat(List.of(halves.scale(0, 2), halves.scale(0, 3), halves.scale(1, 2), halves.scale(1, 3)))
                .containsExactly(1L, 2L, 1L, 1L);
        // the table in the comment of ExecutionTuple: 0:1/2, 1/2:3/4 and 3/4:1 scaling 1 to 12
        assertThat(IntStream.rangeClosed(1, 12).mapToObj(value -> uneven.split(value)).toList()).containsExactly(
                List.of(1L, 0L, 0L), List.of(1L, 1L, 0L), List.of(2L, 1L, 0L), List.of(2L, 1L, 1L),
                List.of(3L, 1L, 1L), List.of(3L, 2L, 1L), List.of(4L, 2L, 1L), List.of(4L, 2L, 2L),
                List.of(5L, 2L, 2L), List.of(5L, 3L, 2L), List.of(6L, 3L, 2L), List.of(6L, 3L, 3L));
        // TestGetNewExecutionTupleBesedOnValue
        assertThat(ExecutionSegments.equal(3).fromValue(20)).hasToString("0,7/20,7/10,1");
    }

    @Test
    void atTheChartsDefaultParallelismEachRunnerRunsEveryScenario() throws IOException {
        int parallelism = chartValues().path("k6").path("operator").path("parallelism").asInt();

        Map<String, List<Share>> shares = split(scenarios("1"), parallelism);

        assertThat(parallelism).isEqualTo(2);
        assertThat(shares).containsExactly(
                Map.entry("create", List.of(new Share(25, 25000, 0), new Share(25, 25000, 0))),
                Map.entry("update", List.of(new Share(3, 0, 3), new Share(2, 0, 2))),
                Map.entry("delete", List.of(new Share(1, 250, 0), new Share(1, 250, 0))),
                Map.entry("get", List.of(new Share(5, 0, 10), new Share(5, 0, 10))),
                Map.entry("list", List.of(new Share(3, 0, 6), new Share(2, 0, 4))));
    }

    @ParameterizedTest(name = "SCALE {0}: {1} VUs, {2} in the largest scenario")
    @CsvSource({"1, 72, 50", "0.1, 72, 50", "0.0001, 26, 10"})
    void everyParallelismKeepsTheTotalsAndOnlyTheFirstRunnersUpToTheLargestScenarioGetWork(String scale,
            long scriptVus, long largestScenarioVus) throws IOException {
        JsonNode scenarios = scenarios(scale);
        long maxVus = 0;
        long largest = 0;
        for (JsonNode scenario : scenarios) {
            assertThat(scenario.has("startTime")).as("every scenario starts at once, so their VUs add up").isFalse();
            maxVus += vus(scenario);
            largest = Math.max(largest, vus(scenario));
        }

        for (int parallelism = 1; parallelism <= maxVus; parallelism++) {
            Map<String, List<Share>> shares = split(scenarios, parallelism);
            for (Map.Entry<String, List<Share>> scenario : shares.entrySet()) {
                JsonNode whole = scenarios.path(scenario.getKey());
                List<Share> runners = scenario.getValue();
                assertThat(runners.stream().mapToLong(Share::vus).sum()).isEqualTo(vus(whole));
                assertThat(runners.stream().mapToLong(Share::iterations).sum())
                        .isEqualTo(whole.path("iterations").asLong(0));
                assertThat(runners.stream().mapToDouble(Share::rate).sum())
                        .isCloseTo(whole.path("rate").asDouble(0), offset(1e-9));
                assertThat(runners).as("%s at %d runners: no runner has iterations or a rate without VUs",
                        scenario.getKey(), parallelism).allMatch(share -> share.vus() > 0
                        || (share.iterations() == 0 && share.rate() == 0));
            }
            int withWork = (int) IntStream.range(0, parallelism)
                    .filter(runner -> shares.values().stream().anyMatch(list -> list.get(runner).vus() > 0)).count();
            assertThat(withWork).as("runners with work of %d (the first ones)", parallelism)
                    .isEqualTo((int) Math.min(parallelism, largest));
        }
        assertThat(maxVus).as("the most runners the operator accepts: the script's VUs").isEqualTo(scriptVus);
        assertThat(largest).as("the most runners with work: the largest scenario's VUs").isEqualTo(largestScenarioVus);
    }

    @Test
    void aSegmentOfADistributedRunPostsItsShareToTheExporterUnderARunIdOfItsOwn() throws IOException {
        Map<String, String> runIds = new LinkedHashMap<>();
        try (K6Script script = K6Script.load(SCRIPT, Map.of("EXPORTER_URL", "http://exporter:8000", "TESTID", "t-9"))) {
            for (String options : List.of(
                    "{\"executionSegment\": null, \"executionSegmentSequence\": null}",
                    "{\"executionSegment\": \"0:1\", \"executionSegmentSequence\": null}",
                    "{\"executionSegment\": \"0:1/3\", \"executionSegmentSequence\": \"0,1/3,2/3,1\"}",
                    "{\"executionSegment\": \"1/3:2/3\", \"executionSegmentSequence\": \"0,1/3,2/3,1\"}",
                    "{\"executionSegment\": \"2/3:1\", \"executionSegmentSequence\": \"0,1/3,2/3,1\"}",
                    "{\"executionSegment\": \"1/2:1\", \"executionSegmentSequence\": null}")) {
                script.testOptions(options);
                JsonNode requests = script.call("handleSummary", "{\"metrics\": {}}");
                assertThat(requests).hasSize(1);
                String url = requests.get(0).path("url").asText();
                runIds.put(options, url.substring(url.indexOf("testid=") + "testid=".length()));
            }
        }

        assertThat(runIds.values()).containsExactly("t-9", "t-9", "t-9-part-1-of-3", "t-9-part-2-of-3",
                "t-9-part-3-of-3", "t-9-segment-1_2-1");
    }

    /** Each scenario's shares, runner by runner, at this many runners (segments (n-1)/N:n/N). */
    private static Map<String, List<Share>> split(JsonNode scenarios, int parallelism) {
        ExecutionSegments runners = ExecutionSegments.equal(parallelism);
        Map<String, List<Share>> shares = new LinkedHashMap<>();
        scenarios.fields().forEachRemaining(entry -> {
            JsonNode scenario = entry.getValue();
            long vus = vus(scenario);
            List<Share> list = new ArrayList<>();
            for (int runner = 0; runner < parallelism; runner++) {
                long ownVus = runners.scale(runner, vus);
                int index = runners.indexFromValue(runner, vus);
                switch (scenario.path("executor").asText()) {
                    case "shared-iterations" -> list.add(new Share(ownVus,
                            index < 0 ? 0 : runners.fromValue(vus).scale(index, scenario.path("iterations").asLong()),
                            0));
                    case "constant-arrival-rate" -> list.add(new Share(ownVus, 0,
                            index < 0 ? 0 : scenario.path("rate").asDouble() * ownVus / vus));
                    default -> throw new IllegalArgumentException("executor of " + entry.getKey());
                }
            }
            shares.put(entry.getKey(), list);
        });
        return shares;
    }

    private static long vus(JsonNode scenario) {
        return scenario.has("maxVUs") ? scenario.path("maxVUs").asLong() : scenario.path("vus").asLong();
    }

    private static JsonNode scenarios(String scale) throws IOException {
        try (K6Script script = K6Script.load(SCRIPT, Map.of("SCALE", scale))) {
            return script.exported("options").path("scenarios");
        }
    }

    private static JsonNode chartValues() throws IOException {
        return YAML.readTree(ChartRenderer.chartDirectory().resolve("values.yaml").toFile());
    }

    private static List<ExecutionSegments.Length> lengths(String... fractions) {
        List<ExecutionSegments.Length> lengths = new ArrayList<>();
        for (String fraction : fractions) {
            String[] parts = fraction.split("/");
            lengths.add(ExecutionSegments.Length.of(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        }
        return lengths;
    }
}
