package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.Promtool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PrometheusRule is the rule files: one group per {@code rules/*.yaml}, each exactly its file rendered with the
 * release's values; its {@code .spec} is a valid Prometheus rule file (promtool), and the Prometheus templates in
 * annotations reach Prometheus unrendered, so that alerts name the failing target.
 */
class PrometheusRuleIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}")
    @MethodSource("withRules")
    void everyGroupIsItsRuleFileRenderedWithTheReleaseValues(ChartScenario scenario, @TempDir Path copy)
            throws IOException {
        Path chartCopy = ChartCopy.of(copy).withRuleFilesRenderedAsConfigMaps().directory();
        RenderedChart chart = ChartRenderer.chart(chartCopy).valuesFile(scenario.valuesFile()).render();
        JsonNode groups = YAML.readTree(chart.ruleFileYaml()).path("groups");

        List<String> ruleFiles = ruleFileNames();
        assertThat(groups).map(group -> group.path("name").asText()).containsExactlyElementsOf(ruleFiles);
        for (JsonNode group : groups) {
            String name = group.path("name").asText();
            ObjectNode expected = (ObjectNode) YAML.readTree(
                    chart.resource(ConfigMap.class, "rule-file-" + name).getData().get("group.yaml"));
            if (!expected.has("interval")) {
                expected.put("interval", "30s");
            }
            assertThat(group).as("group %s against rules/%s.yaml", name, name).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withRules")
    void ruleFileFromThePrometheusRulePassesPromtoolCheck(ChartScenario scenario, @TempDir Path dir) throws Exception {
        Path rules = scenario.render().writeRuleFile(dir.resolve("rules.yml"));

        Promtool result = Promtool.run(dir, "check", "rules", rules.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void typedGroupsEvaluateEveryThirtySecondsByDefault() {
        List<RuleGroup> groups = ChartScenario.named("default").render().prometheusRule().orElseThrow()
                .getSpec().getGroups();

        assertThat(groups).isNotEmpty().allSatisfy(group -> assertThat(group.getInterval()).isEqualTo("30s"));
    }

    @Test
    void targetDownWatchesOnlyTheComponentsTheReleaseRuns() throws IOException {
        assertThat(targetDownExpression("default"))
                .isEqualTo("up{job=~\"demo-api|exporter-service|exposer-service|pushgateway\"} == 0");
        assertThat(targetDownExpression("external-pushgateway"))
                .isEqualTo("up{job=~\"demo-api|exporter-service|exposer-service\"} == 0");
    }

    static Stream<ChartScenario> withRules() {
        return ChartScenario.all().stream().filter(scenario -> scenario.render().prometheusRule().isPresent());
    }

    private static String targetDownExpression(String scenario) throws IOException {
        JsonNode groups = YAML.readTree(ChartScenario.named(scenario).render().ruleFileYaml()).path("groups");
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("alert").asText().equals("PerfMonitoringTargetDown")) {
                    return rule.path("expr").asText();
                }
            }
        }
        throw new AssertionError("no PerfMonitoringTargetDown in " + groups);
    }

    private static List<String> ruleFileNames() throws IOException {
        try (Stream<Path> files = Files.list(ChartRenderer.chartDirectory().resolve("rules"))) {
            // In file-name order, as .Files.Glob gives them ("a-b.yaml" before "a.yaml").
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .sorted()
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .toList();
        }
    }
}
