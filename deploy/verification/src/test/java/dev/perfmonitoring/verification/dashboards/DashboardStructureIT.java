package dev.perfmonitoring.verification.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.process.Promtool;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's dashboards follow the conventions of its README: current Grafana JSON model, stable unique uids, a
 * {@code datasource} variable every query and annotation uses, units and thresholds on every data panel, only declared
 * variables, panels that do not overlap, tables joined from instant table queries, data links that open an existing
 * dashboard with its own variables and the row's time range, run annotations titled by testid on the load-test
 * dashboards, and PromQL that parses once the variables are substituted. (That every query and annotation returns the
 * right data from real series is DashboardQueriesStackIT's and K6ContractIT's job.)
 */
class DashboardStructureIT {

    /** The uids are part of the dashboards' URLs and of links between them: they never change. */
    private static final Map<String, String> UIDS = Map.of(
            "endpoint-performance.json", "perf-monitoring-endpoint-performance",
            "k6-results.json", "perf-monitoring-k6-results",
            "load-test-overview.json", "perf-monitoring-load-test-overview",
            "load-test-results.json", "perf-monitoring-load-test-results",
            "person-api-internals.json", "perf-monitoring-person-api",
            "run-comparison.json", "perf-monitoring-run-comparison",
            "runs.json", "perf-monitoring-runs",
            "sample-metrics.json", "perf-monitoring-sample-metrics");
    /** The dashboards a load test is watched on: each marks the runs with an annotation. */
    private static final List<String> RUN_ANNOTATED = List.of("perf-monitoring-load-test-overview",
            "perf-monitoring-endpoint-performance", "perf-monitoring-k6-results", "perf-monitoring-load-test-results",
            "perf-monitoring-runs", "perf-monitoring-run-comparison");
    private static final Pattern GROUPED_BY_TESTID = Pattern.compile("^count by \\([^)]*\\btestid\\b[^)]*\\) \\(");

    static List<GrafanaDashboard> dashboards() {
        return GrafanaDashboard.all();
    }

    @Test
    void theDashboardsKeepTheirUidsAndTitlesAreUnique() {
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
        dashboard.annotations().forEach(annotation -> queriers.add(annotation.json()));
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
        dashboard.annotations().forEach(annotation -> texts.add(annotation.expr()));
        dashboard.dataLinks().forEach(link -> {
            texts.add(link.url());
            texts.add(link.title());
        });
        texts.forEach(text -> used.addAll(GrafanaDashboard.referencedVariables(text)));
        used.add("datasource");

        assertThat(texts).noneMatch(text -> text.contains("[["));
        assertThat(used).as("variables used").allMatch(name -> declared.contains(name)
                || GrafanaDashboard.BUILT_IN_VARIABLES.contains(name)
                || GrafanaDashboard.DATA_LINK_VARIABLES.contains(name));
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
    void everyQueryAndAnnotationParsesAsPromqlOnceItsVariablesAreSubstituted(@TempDir Path dir) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        List<String> described = new ArrayList<>();
        int count = 0;
        for (GrafanaDashboard dashboard : dashboards()) {
            Map<String, String> values = new HashMap<>(Map.of("__rate_interval", "1m", "__interval", "15s",
                    "__range", "1h", "__range_s", "3600"));
            dashboard.variables().keySet().forEach(name -> values.put(name, dashboard.currentValue(name)));
            List<String> queries = new ArrayList<>();
            dashboard.targets().forEach(target -> {
                queries.add(target.expr());
                described.add(target.toString());
            });
            dashboard.annotations().forEach(annotation -> {
                queries.add(annotation.expr());
                described.add(annotation.toString());
            });
            for (String query : queries) {
                rules.append("      - record: dashboard_query_").append(++count).append('\n')
                        .append("        expr: '")
                        .append(GrafanaDashboard.substitute(query, values).replace("'", "''")).append("'\n");
            }
        }
        Files.writeString(dir.resolve("queries.yml"), rules);

        Promtool check = Promtool.run(dir, "check", "rules", "queries.yml");

        String numbered = described.stream().map(query -> (described.indexOf(query) + 1) + ": " + query)
                .collect(Collectors.joining("\n"));
        assertThat(check.exitCode()).as(check.output() + "\n(dashboard_query_<n>)\n" + numbered).isZero();
        assertThat(described).hasSizeGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void mergedTablesJoinInstantTableQueries(GrafanaDashboard dashboard) {
        for (JsonNode panel : dashboard.dataPanels()) {
            boolean merged = false;
            for (JsonNode transformation : panel.path("transformations")) {
                merged |= "merge".equals(transformation.path("id").asText());
            }
            if (!merged) {
                continue;
            }
            assertThat(dashboard.targets()).filteredOn(target -> target.panel() == panel)
                    .as("queries of %s, joined by merge", panel.path("title").asText())
                    .allSatisfy(target -> {
                        assertThat(target.instant()).as(target.describe()).isTrue();
                        assertThat(target.json().path("format").asText()).as(target.describe()).isEqualTo("table");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyDataLinkOpensAnExistingDashboardWithItsVariablesAndTheRowsFields(GrafanaDashboard dashboard) {
        Map<String, GrafanaDashboard> byUid = new HashMap<>();
        dashboards().forEach(one -> byUid.put(one.uid(), one));
        for (GrafanaDashboard.DataLink link : dashboard.dataLinks()) {
            assertThat(link.url()).as(link.describe()).startsWith("/d/");
            GrafanaDashboard target = byUid.get(link.targetUid());
            assertThat(target).as("%s opens dashboard %s", link.describe(), link.targetUid()).isNotNull();
            Set<String> columns = columns(link.panel());
            assertThat(link.fieldsRead()).as("fields %s reads; the table has %s", link.describe(), columns)
                    .isNotEmpty().allMatch(columns::contains);
            link.parameters().forEach((name, value) -> {
                if (name.startsWith("var-")) {
                    assertThat(target.variables()).as("%s sets %s of %s", link.describe(), name, target.title())
                            .containsKey(name.substring("var-".length()));
                } else if (name.equals("from") || name.equals("to")) {
                    assertThat(value).as("%s: %s is a time of the row, in milliseconds", link.describe(), name)
                            .matches("\\$\\{__data\\.fields(\\.\\w+|\\[\"[^\"]+\"])\\.numeric}");
                    String field = new GrafanaDashboard.DataLink(dashboard, link.panel(), "", "", value).fieldsRead()
                            .get(0);
                    assertThat(unit(link.panel(), field)).as("unit of %s", field).isEqualTo("dateTimeAsIso");
                } else {
                    assertThat(value).as("%s: %s", link.describe(), name).isEqualTo("");
                    assertThat(name).as(link.describe()).isEqualTo("${__url_time_range}");
                }
            });
            boolean ownRange = link.parameters().containsKey("from") && link.parameters().containsKey("to");
            assertThat(ownRange || link.parameters().containsKey("${__url_time_range}"))
                    .as("%s opens on the row's time range or keeps the dashboard's", link.describe()).isTrue();
        }
    }

    @Test
    void everyRunTableRowLinksIntoTheLoadTestDashboards() {
        Map<String, List<String>> opened = new TreeMap<>();
        for (String uid : List.of("perf-monitoring-runs", "perf-monitoring-run-comparison")) {
            for (GrafanaDashboard.DataLink link : GrafanaDashboard.byUid(uid).dataLinks()) {
                assertThat(link.field()).as(link.describe()).isIn("testid");
                opened.computeIfAbsent(link.panel().path("title").asText(), title -> new ArrayList<>())
                        .add(link.targetUid());
            }
        }

        List<String> loadTestDashboards = List.of("perf-monitoring-k6-results", "perf-monitoring-load-test-overview",
                "perf-monitoring-endpoint-performance", "perf-monitoring-load-test-results");
        assertThat(opened).containsOnlyKeys("Load-generator runs", "Exporter runs", "Both runs");
        assertThat(opened.get("Load-generator runs")).containsAll(loadTestDashboards)
                .contains("perf-monitoring-run-comparison");
        assertThat(opened.get("Both runs")).containsAll(loadTestDashboards);
        assertThat(opened.get("Exporter runs")).contains("perf-monitoring-load-test-results");
    }

    @Test
    void theLoadTestDashboardsMarkRunsWithAnnotationsTitledByTestid() {
        List<String> annotated = new ArrayList<>();
        for (GrafanaDashboard dashboard : dashboards()) {
            for (GrafanaDashboard.Annotation annotation : dashboard.annotations()) {
                assertThat(annotation.name()).as(annotation.describe()).isIn("Load-generator runs", "Exporter runs");
                assertThat(annotation.expr()).as(annotation.describe()).containsPattern(GROUPED_BY_TESTID);
                assertThat(annotation.titleFormat()).as(annotation.describe()).contains("{{testid}}");
                assertThat(annotation.step()).as(annotation.describe()).isEqualTo(Duration.ofSeconds(5));
                assertThat(annotation.json().path("target").path("refId").asText()).isNotBlank();
                assertThat(annotation.json().path("useValueForTime").asBoolean()).isFalse();
                annotated.add(dashboard.uid());
            }
        }

        assertThat(annotated).containsAll(RUN_ANNOTATED);
        assertThat(RUN_ANNOTATED).allSatisfy(uid -> assertThat(GrafanaDashboard.byUid(uid).annotations())
                .as("enabled annotations of %s", uid).anyMatch(annotation -> annotation.json().path("enable").asBoolean()));
    }

    /** The columns a table panel shows: its labels and values, by name and by their names after organize. */
    private static Set<String> columns(JsonNode panel) {
        Set<String> columns = new HashSet<>();
        for (JsonNode transformation : panel.path("transformations")) {
            JsonNode options = transformation.path("options");
            options.path("indexByName").fieldNames().forEachRemaining(columns::add);
            options.path("renameByName").forEach(rename -> columns.add(rename.asText()));
        }
        return columns;
    }

    private static String unit(JsonNode panel, String field) {
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
            if (override.path("matcher").path("options").asText().equals(field)) {
                for (JsonNode property : override.path("properties")) {
                    if ("unit".equals(property.path("id").asText())) {
                        return property.path("value").asText();
                    }
                }
            }
        }
        return panel.path("fieldConfig").path("defaults").path("unit").asText();
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
