package dev.perfmonitoring.verification.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.process.Promtool;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's dashboards follow the conventions of its README: current Grafana JSON model, stable unique uids, a
 * {@code datasource} variable every query uses, units and thresholds on every data panel, only declared variables,
 * panels that do not overlap, and PromQL that parses once the variables are substituted. (That every query returns
 * data from the real services is DashboardQueriesStackIT's job.)
 */
class DashboardStructureIT {

    /** The uids are part of the dashboards' URLs and of links between them: they never change. */
    private static final Map<String, String> UIDS = Map.of(
            "endpoint-performance.json", "perf-monitoring-endpoint-performance",
            "k6-results.json", "perf-monitoring-k6-results",
            "load-test-overview.json", "perf-monitoring-load-test-overview",
            "load-test-results.json", "perf-monitoring-load-test-results",
            "person-api-internals.json", "perf-monitoring-person-api",
            "sample-metrics.json", "perf-monitoring-sample-metrics");

    static List<GrafanaDashboard> dashboards() {
        return GrafanaDashboard.all();
    }

    @Test
    void theSixDashboardsKeepTheirUidsAndTitlesAreUnique() {
        Map<String, String> uids = new TreeMap<>();
        dashboards().forEach(dashboard -> uids.put(dashboard.fileName(), dashboard.uid()));

        assertThat(uids).isEqualTo(new TreeMap<>(UIDS));
        assertThat(uids.values()).allSatisfy(uid -> assertThat(uid).hasSizeLessThanOrEqualTo(40).matches("[a-z0-9-]+"));
        assertThat(dashboards()).extracting(GrafanaDashboard::title).doesNotHaveDuplicates().allMatch(t -> !t.isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void usesTheCurrentJsonModelWithoutAFixedId(GrafanaDashboard dashboard) {
        JsonNode json = dashboard.json();

        assertThat(json.path("schemaVersion").asInt()).isBetween(39, 41);
        assertThat(json.path("id").isNull()).as("id is null: Grafana assigns it").isTrue();
        assertThat(json.path("description").asText()).isNotBlank();
        assertThat(json.path("tags")).extracting(JsonNode::asText).contains("perf-monitoring");
        assertThat(json.path("time").path("from").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelAndQueryUsesTheDatasourceVariable(GrafanaDashboard dashboard) {
        JsonNode datasource = dashboard.variables().get("datasource");
        assertThat(datasource).as("variable datasource").isNotNull();
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");

        List<JsonNode> queriers = new ArrayList<>(dashboard.dataPanels());
        dashboard.targets().forEach(target -> queriers.add(target.json()));
        dashboard.variables().values().stream().filter(variable -> "query".equals(variable.path("type").asText()))
                .forEach(queriers::add);
        assertThat(queriers).allSatisfy(querier -> {
            assertThat(querier.path("datasource").path("type").asText()).isEqualTo("prometheus");
            assertThat(querier.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyDataPanelHasQueriesAUnitAndThresholds(GrafanaDashboard dashboard) {
        assertThat(dashboard.dataPanels()).isNotEmpty().allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(panel.path("description").asText()).as("description of %s", title).isNotBlank();
            assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
            assertThat(panel.path("targets")).extracting(target -> target.path("refId").asText())
                    .as("refIds of %s", title).doesNotHaveDuplicates();
            JsonNode defaults = panel.path("fieldConfig").path("defaults");
            assertThat(defaults.path("unit").asText()).as("unit of %s", title).isNotBlank();
            if ("heatmap".equals(panel.path("type").asText())) {
                assertThat(panel.path("options").path("yAxis").path("unit").asText()).as("y unit of %s", title)
                        .isEqualTo(defaults.path("unit").asText());
            }
            JsonNode steps = defaults.path("thresholds").path("steps");
            assertThat(steps).as("thresholds of %s", title).isNotEmpty();
            assertThat(steps.get(0).path("value").isNull()).as("base threshold of %s", title).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void queriesUseOnlyDeclaredVariablesAndEveryDeclaredVariableIsUsed(GrafanaDashboard dashboard) {
        Set<String> declared = dashboard.variables().keySet();
        Set<String> used = new HashSet<>();
        List<String> texts = new ArrayList<>();
        dashboard.targets().forEach(target -> texts.add(target.expr()));
        dashboard.variables().values().forEach(variable -> texts.add(variable.path("definition").asText()));
        dashboard.topLevelPanels().forEach(panel -> texts.add(panel.path("title").asText()));
        texts.forEach(text -> used.addAll(GrafanaDashboard.referencedVariables(text)));
        used.add("datasource");

        assertThat(texts).noneMatch(text -> text.contains("[["));
        assertThat(used).as("variables used").allMatch(name ->
                declared.contains(name) || GrafanaDashboard.BUILT_IN_VARIABLES.contains(name));
        assertThat(declared).as("declared variables").allMatch(used::contains);
        dashboard.variables().values().stream().filter(variable -> variable.path("includeAll").asBoolean())
                .forEach(variable -> assertThat(variable.path("allValue").asText())
                        .as("All of %s matches series without the label too", variable.path("name").asText())
                        .isEqualTo(".*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelsHaveUniqueIdsAndDoNotOverlapOnTheGrid(GrafanaDashboard dashboard) {
        List<JsonNode> panels = dashboard.topLevelPanels();
        assertThat(panels).extracting(panel -> panel.path("id").asInt()).doesNotHaveDuplicates();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode a = panels.get(i).path("gridPos");
            assertThat(a.path("x").asInt() + a.path("w").asInt()).isLessThanOrEqualTo(24);
            assertThat(a.path("w").asInt()).isPositive();
            assertThat(a.path("h").asInt()).isPositive();
            for (int j = i + 1; j < panels.size(); j++) {
                JsonNode b = panels.get(j).path("gridPos");
                boolean apart = a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                        || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                        || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                        || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
                assertThat(apart).as("%s and %s overlap", panels.get(i).path("title"), panels.get(j).path("title"))
                        .isTrue();
            }
        }
    }

    @Test
    void everyQueryParsesAsPromqlOnceItsVariablesAreSubstituted(@TempDir Path dir) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        List<Target> targets = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards()) {
            Map<String, String> values = new HashMap<>(Map.of("__rate_interval", "1m", "__interval", "15s",
                    "__range", "1h", "__range_s", "3600"));
            dashboard.variables().keySet().forEach(name -> values.put(name, dashboard.currentValue(name)));
            for (Target target : dashboard.targets()) {
                targets.add(target);
                rules.append("      - record: dashboard_query_").append(targets.size()).append('\n')
                        .append("        expr: '")
                        .append(GrafanaDashboard.substitute(target.expr(), values).replace("'", "''")).append("'\n");
            }
        }
        Files.writeString(dir.resolve("queries.yml"), rules);

        Promtool check = Promtool.run(dir, "check", "rules", "queries.yml");

        String numbered = targets.stream().map(target -> (targets.indexOf(target) + 1) + ": " + target)
                .collect(Collectors.joining("\n"));
        assertThat(check.exitCode()).as(check.output() + "\n(dashboard_query_<n>)\n" + numbered).isZero();
        assertThat(targets).hasSizeGreaterThan(60);
    }

    @Test
    void sloThresholdLinesAreDrawnFromTheRecordedThresholdSeries() {
        List<String> drawn = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards()) {
            for (Target target : dashboard.targets()) {
                if (!target.expr().contains("slo:latency_threshold:seconds")
                        || !"timeseries".equals(target.panel().path("type").asText())) {
                    continue;
                }
                assertThat(target.panel().path("fieldConfig").path("overrides"))
                        .as("dashed line for %s", target.describe())
                        .anySatisfy(override -> {
                            assertThat(override.path("matcher").path("id").asText()).isEqualTo("byFrameRefID");
                            assertThat(override.path("matcher").path("options").asText()).isEqualTo(target.refId());
                            assertThat(override.path("properties")).anySatisfy(property ->
                                    assertThat(property.path("value").path("fill").asText()).isEqualTo("dash"));
                        });
                drawn.add(dashboard.uid());
            }
        }

        assertThat(drawn).contains("perf-monitoring-load-test-overview", "perf-monitoring-k6-results");
    }
}
