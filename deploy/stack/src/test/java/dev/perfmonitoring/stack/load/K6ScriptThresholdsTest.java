package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SLOs as k6 thresholds from one source: the chart renders {@code slo.endpoints} (and the error-rate alert's ratio)
 * into {@code slo-thresholds.json} in the k6 ConfigMap, and the k6 script, run unmodified in GraalJS with
 * {@code SLO_FILE} pointing at that file as the run sets it, turns it into exactly these {@code options.thresholds}: per
 * request name ("METHOD path") {@code http_req_duration{name:...}: p(95)<=latencySeconds in ms} and
 * {@code http_req_failed{name:...}: rate<=1 - objective}, and {@code http_req_failed: rate<=alerts.highErrorRate.ratio}.
 * Checked for every values file in the chart's {@code ci/} (with k6 on, run by the Job or, with
 * {@code k6.runner=operator}, by the k6-operator's TestRun), following the run's {@code SLO_FILE} to the ConfigMap key
 * it mounts there, against the values those files give and against the thresholds the chart's SLO recording rules
 * publish; and both runners read the same thresholds.
 */
class K6ScriptThresholdsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHART = ChartRenderer.chartDirectory();
    private static final Path SCRIPT = ScenarioFile.location().resolveSibling("person-api.js");
    private static final String CONFIG_MAP = ChartRenderer.DEFAULT_RELEASE + "-k6-script";
    private static final Pattern THRESHOLD = Pattern.compile("^(p\\(95\\)|rate)<=(\\d+(?:\\.\\d+)?)$");

    static Stream<Path> ciValuesFiles() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-values.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValuesFiles")
    void theScriptsThresholdsAreTheRenderedSloEndpoints(Path valuesFile, @TempDir Path dir) throws IOException {
        RenderedChart chart = ChartRenderer.chart().valuesFile(valuesFile).set("k6.enabled", true).render();

        Map<String, BigDecimal> thresholds = scriptThresholds(sloFileOfTheRun(chart), dir);

        assertThat(thresholds).isEqualTo(expectedFrom(List.of(CHART.resolve("values.yaml"), valuesFile)));
        assertThat(thresholds).hasSize(1 + 2 * 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciValuesFiles")
    void theK6OperatorsRunnersReadTheJobsThresholds(Path valuesFile, @TempDir Path dir) throws IOException {
        RenderedChart job = ChartRenderer.chart().valuesFile(valuesFile).set("k6.enabled", true)
                .set("k6.runner", "job").render();
        RenderedChart operator = ChartRenderer.chart().valuesFile(valuesFile).set("k6.enabled", true)
                .set("k6.runner", "operator").render();

        assertThat(operator.manifest()).contains("kind: TestRun").doesNotContain("kind: Job");
        assertThat(sloFileOfTheRun(operator)).isEqualTo(sloFileOfTheRun(job));
        assertThat(scriptThresholds(sloFileOfTheRun(operator), dir.resolve("operator")))
                .isEqualTo(scriptThresholds(sloFileOfTheRun(job), dir.resolve("job")));
    }

    @Test
    void otherSloValuesGiveOtherThresholdsAndTheRulesPublishTheSameLatencies(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("slo-values.yaml"), """
                slo:
                  endpoints:
                    - {job: demo-api, method: GET, path: "/person/{id}", latencySeconds: 0.25, objective: 0.995}
                    - {job: demo-api, method: POST, path: "/person", latencySeconds: 1, objective: 0.9}
                    - {job: other-api, method: GET, path: "/elsewhere", latencySeconds: 0.5, objective: 0.99}
                alerts:
                  highErrorRate:
                    ratio: 0.02
                """);
        RenderedChart chart = ChartRenderer.chart().valuesFile(values).set("k6.enabled", true).render();

        Map<String, BigDecimal> thresholds = scriptThresholds(sloFileOfTheRun(chart), dir);

        assertThat(thresholds).containsExactlyInAnyOrderEntriesOf(Map.of(
                "http_req_failed", decimal("0.02"),
                "http_req_duration{name:GET /person/{id}} p(95)", decimal("250"),
                "http_req_failed{name:GET /person/{id}} rate", decimal("0.005"),
                "http_req_duration{name:POST /person} p(95)", decimal("1000"),
                "http_req_failed{name:POST /person} rate", decimal("0.1")));
        assertThat(latencyThresholdsOfTheRules(chart)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GET /person/{id}", decimal("0.25"), "POST /person", decimal("1"),
                "GET /elsewhere", decimal("0.5")));
    }

    @Test
    void sloThresholdsOffRendersNoFile() {
        RenderedChart chart = ChartRenderer.chart().set("k6.enabled", true).set("k6.sloThresholds", false).render();

        assertThat(chart.resource(ConfigMap.class, CONFIG_MAP).getData()).doesNotContainKey("slo-thresholds.json");
    }

    @Test
    void withoutSloFileTheScriptHasNoThresholds() throws IOException {
        try (K6Script script = K6Script.load(SCRIPT, Map.of())) {
            assertThat(script.exported("options").path("thresholds").isEmpty()).isTrue();
            assertThat(script.opened()).containsExactly(ScenarioFile.location());
        }
    }

    @Test
    void handleSummaryReturnsNothingSoK6KeepsItsOwnSummary() throws IOException {
        try (K6Script script = K6Script.load(SCRIPT, Map.of("EXPORTER_URL", "http://exporter:8000", "TESTID", "t-9"))) {
            JsonNode requests = script.call("handleSummary", "{\"metrics\": {\"http_reqs\": {\"values\": {\"count\": 10,"
                    + " \"rate\": 2.5}}, \"http_req_failed\": {\"values\": {\"passes\": 1}}, \"http_req_duration\":"
                    + " {\"values\": {\"avg\": 120}}}}");

            assertThat(script.lastResult().isNull()).as("handleSummary's result").isTrue();
            assertThat(requests).singleElement().satisfies(post -> {
                assertThat(post.path("url").asText()).isEqualTo("http://exporter:8000/pushMetrics?testid=t-9");
                assertThat(JSON.readTree(post.path("body").asText())).isEqualTo(JSON.readTree(
                        "{\"total\": 10, \"failed\": 1, \"latency\": 0.12, \"RPS\": 2.5}"));
            });
        }
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value).stripTrailingZeros();
    }

    /**
     * The file the run's {@code SLO_FILE} names, as the run's pods see it: the key of the ConfigMap mounted at its
     * directory. The Job mounts the ConfigMap itself; the k6-operator mounts the TestRun's {@code script.configMap}
     * whole at {@code /test} in every runner (v1.6.0, {@code pkg/types/script.go}).
     */
    private static String sloFileOfTheRun(RenderedChart chart) {
        Map<String, String> files = new TreeMap<>();
        String sloFile = null;
        for (RenderedChart.Document document : chart.documents()) {
            if (document.kind().equals("Job") && document.name().startsWith(ChartRenderer.DEFAULT_RELEASE + "-k6-")) {
                JsonNode pod = document.yaml().path("spec").path("template").path("spec");
                JsonNode k6 = pod.path("containers").get(0);
                sloFile = envValue(k6.path("env"), "SLO_FILE");
                String directory = sloFile.substring(0, sloFile.lastIndexOf('/'));
                String volume = null;
                for (JsonNode mount : k6.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals(directory)) {
                        volume = mount.path("name").asText();
                    }
                }
                for (JsonNode candidate : pod.path("volumes")) {
                    if (candidate.path("name").asText().equals(volume)) {
                        files.put(directory, candidate.path("configMap").path("name").asText());
                    }
                }
            } else if (document.kind().equals("TestRun")) {
                JsonNode spec = document.yaml().path("spec");
                sloFile = envValue(spec.path("runner").path("env"), "SLO_FILE");
                files.put("/test", spec.path("script").path("configMap").path("name").asText());
            }
        }
        assertThat(sloFile).as("SLO_FILE of the k6 Job or TestRun").isNotNull();
        String directory = sloFile.substring(0, sloFile.lastIndexOf('/'));
        assertThat(files).as("the ConfigMap mounted at %s", directory).containsKey(directory);
        String rendered = chart.resource(ConfigMap.class, files.get(directory)).getData()
                .get(sloFile.substring(directory.length() + 1));
        assertThat(rendered).as("%s in the k6 ConfigMap", sloFile).isNotNull();
        return rendered;
    }

    private static String envValue(JsonNode env, String name) {
        for (JsonNode variable : env) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + env);
    }

    /** The script's options.thresholds with the rendered file as SLO_FILE: metric (and aggregate) to bound. */
    private static Map<String, BigDecimal> scriptThresholds(String rendered, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("slo-thresholds.json"), rendered);
        try (K6Script script = K6Script.load(SCRIPT, Map.of("SLO_FILE", file.toString()))) {
            assertThat(script.opened()).containsExactly(ScenarioFile.location(), file);
            Map<String, BigDecimal> thresholds = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = script.exported("options").path("thresholds").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(field.getValue()).as(field.getKey()).hasSize(1);
                Matcher threshold = THRESHOLD.matcher(field.getValue().get(0).asText());
                assertThat(threshold.matches()).as("%s: %s", field.getKey(), field.getValue()).isTrue();
                String key = field.getKey().contains("{") ? field.getKey() + " " + threshold.group(1) : field.getKey();
                thresholds.put(key, new BigDecimal(threshold.group(2)).stripTrailingZeros());
            }
            return thresholds;
        }
    }

    /** What the values files (later ones override) say the thresholds are, computed here without the chart. */
    private static Map<String, BigDecimal> expectedFrom(List<Path> valuesFiles) throws IOException {
        JsonNode endpoints = null;
        JsonNode ratio = null;
        for (Path file : valuesFiles) {
            JsonNode values = YAML.readTree(file.toFile());
            if (values.path("slo").has("endpoints")) {
                endpoints = values.path("slo").path("endpoints");
            }
            if (values.path("alerts").path("highErrorRate").has("ratio")) {
                ratio = values.path("alerts").path("highErrorRate").path("ratio");
            }
        }
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put("http_req_failed", ratio.decimalValue().stripTrailingZeros());
        for (JsonNode endpoint : endpoints) {
            if (!endpoint.path("job").asText().equals("demo-api")) {
                continue;
            }
            String name = endpoint.path("method").asText() + " " + endpoint.path("path").asText();
            expected.put("http_req_duration{name:" + name + "} p(95)",
                    new BigDecimal(endpoint.path("latencySeconds").asText()).movePointRight(3).stripTrailingZeros());
            expected.put("http_req_failed{name:" + name + "} rate",
                    BigDecimal.ONE.subtract(new BigDecimal(endpoint.path("objective").asText())).stripTrailingZeros());
        }
        return expected;
    }

    /** The thresholds the chart's recording rules publish as slo:latency_threshold:seconds, by "METHOD path". */
    private static Map<String, BigDecimal> latencyThresholdsOfTheRules(RenderedChart chart) throws IOException {
        Map<String, BigDecimal> thresholds = new TreeMap<>();
        for (JsonNode group : YAML.readTree(chart.ruleFileYaml()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("record").asText().equals("slo:latency_threshold:seconds")) {
                    thresholds.put(rule.path("labels").path("method").asText() + " "
                            + rule.path("labels").path("path").asText(),
                            new BigDecimal(rule.path("expr").asText().strip().replaceAll("^vector\\((.+)\\)$", "$1"))
                                    .stripTrailingZeros());
                }
            }
        }
        return thresholds;
    }
}
