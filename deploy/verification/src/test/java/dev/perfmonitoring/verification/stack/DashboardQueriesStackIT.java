package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RequestSummary;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.local.LocalStack;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.local.StackSettings;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.prometheus.PrometheusQueryException;
import dev.perfmonitoring.stack.report.ClientSideQueries;
import dev.perfmonitoring.stack.report.RunWindow;
import dev.perfmonitoring.verification.dashboards.GrafanaAnnotations;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard.Target;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard;
import dev.perfmonitoring.verification.dashboards.GrafanaTable;
import dev.perfmonitoring.verification.k6.KnownK6Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel of every dashboard against a real Prometheus that scraped the real services under load (issue 6's
 * proof): the one-machine stack (Pushgateway, demo-api, exporter-service and exposer-service as built, Prometheus
 * with the chart's rule groups evaluated every 5 s and scrape jobs derived from its ServiceMonitors), one run of the
 * Person scenario through demo-api with batches reported to the exporter and the runner's client-side metrics sent by
 * remote write (k6's shape, {@code runner="perf-stack"}), a load tool's /pushMetrics calls, and a k6 run of known shape
 * ({@link KnownK6Run}, as K6ContractIT checks it) sent by remote write as k6 sends it, ending with the load. Then each
 * panel query, with the dashboard's variables substituted as Grafana would, goes through Prometheus's HTTP API and
 * must return a number, the load-generator dashboard's too. Every recording rule must have produced a series. Every
 * annotation query, run as Grafana runs it (a range query at its step), must draw one region per run of the stack:
 * the load generator's from its first to its last sample of VUs or requests, the exporter's from its first scraped
 * push to its last push. The Runs dashboard's tables must list the local run and the k6-shaped run with their counts,
 * windows that hold every sample of the run and the report's window, and the report's worst 1-minute p95 over the
 * SLO, and the exporter's groups with their first and last pushes as the report finds them; a row's link must open
 * the load-generator dashboard on all of the run's requests. One stack and one run serve every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesStackIT {

    private static final Duration LOAD = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String TESTID = "dashboards-proof";
    private static final String CONTROLLER_TESTID = "dashboards-proof-controller";
    private static final String K6_TESTID = "dashboards-proof-k6";
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
    private static final Pattern RULE_GROUP_DURATION = Pattern.compile(
            "^prometheus_rule_group_last_duration_seconds\\{rule_group=\"[^\"]*;([^\"]+)\"} (\\S+)$", Pattern.MULTILINE);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LocalStack stack;
    private PrometheusClient prometheus;
    private Instant loadStart;
    private Instant k6Start;
    private Instant at;
    private LoadRun.Summary summary;
    private final Map<String, Double> slowestRuleGroupEvaluation = new ConcurrentHashMap<>();
    private final Map<String, Double> lastRuleGroupEvaluation = new ConcurrentHashMap<>();
    private final List<String> controllerReportFailures = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheStackAndRunTheLoad(@TempDir Path workDir) throws Exception {
        stack = LocalStack.prepare(StackSettings.defaults(RepositoryRoot.path(), workDir, StackPorts.free()), System.out);
        stack.start();
        prometheus = stack.prometheus().client();
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
        try {
            background.scheduleAtFixedRate(this::sampleRuleGroupDurations, 0, 2, TimeUnit.SECONDS);
            AtomicInteger controllerTick = new AtomicInteger();
            background.scheduleAtFixedRate(() -> pushMetricsLikeTheConcurrencyController(controllerTick.incrementAndGet()),
                    0, 5, TimeUnit.SECONDS);
            loadStart = Instant.now();
            summary = new LoadRun(new RunOptions(stack.url("demo-api"),
                    Optional.of(stack.url("exporter-service")), Optional.empty(),
                    Optional.of(RunOptions.remoteWriteEndpoint(stack.url("prometheus"))), LOAD, 1.0, TESTID, STEP,
                    Duration.ofSeconds(15)), System.out, ScenarioFile.read()).execute();
            assertThat(summary.requests()).as("requests sent to demo-api").isPositive();
            assertThat(summary.failedReports()).as("batches the exporter did not accept").isZero();
            assertThat(summary.failedMetricPushes()).as("remote writes Prometheus did not accept").isZero();
            assertThat(controllerReportFailures).as("/pushMetrics calls the exporter did not accept").isEmpty();
            Instant loadEnd = Instant.now();
            k6Start = loadEnd.minusMillis(KnownK6Run.DURATION_MILLIS);
            KnownK6Run.sendAsK6(RunOptions.remoteWriteEndpoint(stack.url("prometheus")), K6_TESTID,
                    k6Start.toEpochMilli());
            awaitRuleEvaluationsAfter(loadEnd);
            at = Instant.now();
        } finally {
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
        }
        printRuleGroupDurations();
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDashboardQueryReturnsDataFromTheRunningServices() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
            Map<String, String> values = variableValues(dashboard);
            for (Target target : dashboard.targets()) {
                tests.add(DynamicTest.dynamicTest(target.describe(), () -> assertReturnsData(target, values)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRecordingRuleProducedASeries() throws IOException {
        Set<String> records = new TreeSet<>();
        for (JsonNode group : YAML.readTree(stack.ruleFile().toFile()).path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.has("record")) {
                    records.add(rule.path("record").asText());
                }
            });
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(18);
        return records.stream().map(record -> DynamicTest.dynamicTest(record, () -> {
            String query = "count(count_over_time(" + record + "[" + rangeSeconds() + "s]))";
            assertThat(PrometheusClient.hasFiniteSample(prometheus.instant(query, at)))
                    .as("%s produced no series during the run (%s)", record, query).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyQueryVariableListsValuesFromTheRunningServices() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
            Map<String, String> values = variableValues(dashboard);
            dashboard.variables().values().stream()
                    .filter(variable -> "query".equals(variable.path("type").asText()))
                    .forEach(variable -> tests.add(DynamicTest.dynamicTest(
                            dashboard.title() + " / $" + variable.path("name").asText(),
                            () -> assertListsValues(dashboard, variable, values))));
        }
        return tests.stream();
    }

    @Test
    void theLoadGeneratorDashboardShowsTheLocalRunsClientSidePercentilesAndCounts() {
        GrafanaDashboard dashboard = GrafanaDashboard.all().stream()
                .filter(one -> one.uid().equals("perf-monitoring-k6-results")).findFirst().orElseThrow();
        Map<String, String> values = variableValues(dashboard);
        values.put("testid", TESTID);
        values.put("runner", "perf-stack");
        Target p95 = dashboard.targets().stream().filter(target -> target.refId().equals("A")
                && target.panel().path("title").asText().equals("Request duration p95 by request name against the SLO"))
                .findFirst().orElseThrow();

        Set<String> names = new TreeSet<>();
        prometheus.range(GrafanaDashboard.substitute(p95.expr(), values), loadStart, at, STEP).path("result")
                .forEach(series -> {
                    assertThat(series.path("metric").path("runner").asText()).isEqualTo("perf-stack");
                    names.add(series.path("metric").path("name").asText());
                });
        // a windowed p95 is a rate, which needs two pushes of a series within the minute: a request name whose
        // requests all ended within one push interval (delete: 50 shared iterations on 2 VUs, about 2 s) is sent once,
        // as k6 sends it, and has none (its p95 over the run is the report's and the run comparison's)
        Set<String> pushedTwice = new TreeSet<>();
        prometheus.query("count by (name) (count_over_time(k6_http_reqs_total{testid=\"" + TESTID
                + "\", runner=\"perf-stack\"}[" + rangeSeconds() + "s]) >= 2)", at)
                .forEach(sample -> pushedTwice.add(sample.label("name")));
        assertThat(pushedTwice).as("the arrival-rate scenarios run all along")
                .contains("GET /person/{id}", "GET /person/list");
        assertThat(names).as("request names with a client-side p95 from the runner")
                .containsExactlyInAnyOrderElementsOf(summary.byRequest().stream().filter(line -> line.count() > 0)
                        .map(RequestSummary::request).filter(pushedTwice::contains).toList());
        String counted = "sum(last_over_time(k6_http_reqs_total{testid=\"" + TESTID + "\", runner=\"perf-stack\"}["
                + rangeSeconds() + "s]))";
        assertThat(prometheus.query(counted, at)).singleElement()
                .satisfies(sample -> assertThat(sample.value()).as(counted).isEqualTo(summary.requests()));
    }

    @TestFactory
    Stream<DynamicTest> everyAnnotationMarksEachRunOfTheStack() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
            for (GrafanaDashboard.Annotation annotation : dashboard.annotations()) {
                tests.add(DynamicTest.dynamicTest(annotation.describe(), () -> assertMarksTheRuns(annotation)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    @Test
    void runsTablesListTheStacksRunsWithTheirCountsWindowsAndWorstP95() {
        GrafanaDashboard runs = GrafanaDashboard.byUid("perf-monitoring-runs");
        Duration range = Duration.between(k6Start, at).plusSeconds(30);
        Map<String, Map<String, Object>> generated = GrafanaTable.byColumn(runsTable(runs, "Load-generator runs",
                range), "testid");
        Map<String, Map<String, Object>> exported = GrafanaTable.byColumn(runsTable(runs, "Exporter runs", range),
                "testid");

        assertThat(generated).containsOnlyKeys(TESTID, K6_TESTID);
        Map<String, Object> local = generated.get(TESTID);
        assertThat(local).containsEntry("Load generator", "perf-stack")
                .containsEntry("Requests", (double) summary.requests());
        assertThat((double) local.get("Failure share")).isCloseTo(
                (double) summary.failures() / summary.requests(), within(1e-12));
        Map<String, Object> k6 = generated.get(K6_TESTID);
        assertThat(k6).containsEntry("Requests", 100_000.0);
        assertThat((double) k6.get("Failure share")).isCloseTo(1e-4, within(1e-12));
        for (String testid : List.of(TESTID, K6_TESTID)) {
            List<Instant> samples = firstAndLastSample(runMarks(testid));
            Instant start = Instant.ofEpochMilli(Math.round((double) generated.get(testid).get("Start")));
            Instant end = Instant.ofEpochMilli(Math.round((double) generated.get(testid).get("End")));
            assertThat(start).as("start of %s", testid).isBetween(samples.get(0).minusSeconds(1), samples.get(0));
            assertThat(end).as("end of %s", testid).isBetween(samples.get(1), samples.get(1).plusSeconds(1));
            RunWindow window = RunWindow.find(prometheus, testid, at).orElseThrow();
            assertThat(window.start()).as("the report's start of %s, from the VUs alone", testid)
                    .isBetween(start, start.plus(RunOptions.REMOTE_WRITE_PUSH_INTERVAL).plusSeconds(1));
            // k6 samples its VUs every second: its last requests can end up to a second after the last sample
            assertThat(window.end()).as("the report's end of %s", testid).isBetween(end.minusSeconds(2), end);
            Map<String, Object> row = generated.get(testid);
            double worst = new ClientSideQueries(prometheus).report(at, range, testid).lines().stream()
                    .filter(line -> line.threshold().isPresent() && line.worstMinuteP95().isPresent())
                    .mapToDouble(line -> line.worstMinuteP95().value() / line.threshold().value()).max().orElseThrow();
            assertThat((double) row.get("Worst p95 / SLO")).as("the report's worst 1-minute p95 over the SLO of %s",
                    testid).isCloseTo(worst, within(worst * 1e-12));
        }

        assertThat(exported).containsOnlyKeys(TESTID, CONTROLLER_TESTID);
        RunWindow controller = RunWindow.find(prometheus, CONTROLLER_TESTID, at).orElseThrow();
        assertThat(controller.markedBy()).startsWith("push_time_seconds");
        double reported = prometheus.query("sum(Loadtests_total_requests_made{testid=\"" + CONTROLLER_TESTID + "\"})",
                at).get(0).value();
        assertThat(exported.get(CONTROLLER_TESTID))
                .containsEntry("First push", (double) controller.start().toEpochMilli())
                .containsEntry("Last push", (double) controller.end().toEpochMilli())
                .containsEntry("Requests (last reported)", reported);
        RunWindow localWindow = RunWindow.find(prometheus, TESTID, at).orElseThrow();
        assertThat(Instant.ofEpochMilli(Math.round((double) exported.get(TESTID).get("First push"))))
                .as("the runner's first batch push, next to its first VUs sample")
                .isBetween(localWindow.start().minusSeconds(10), localWindow.start().plusSeconds(10));
        assertThat(Instant.ofEpochMilli(Math.round((double) exported.get(TESTID).get("Last push"))))
                .as("the runner's last batch push, next to its last VUs sample")
                .isBetween(localWindow.end().minusSeconds(10), localWindow.end().plusSeconds(10));

        GrafanaDashboard.DataLink link = runs.dataLinks().stream()
                .filter(one -> one.panel().path("title").asText().equals("Load-generator runs"))
                .filter(one -> one.targetUid().equals("perf-monitoring-k6-results")).findFirst().orElseThrow();
        Map<String, String> opened = new GrafanaDashboard.DataLink(runs, link.panel(), "", "",
                link.render(local, Map.of("datasource", "prometheus"))).parameters();
        GrafanaDashboard results = GrafanaDashboard.byUid("perf-monitoring-k6-results");
        Map<String, String> values = variableValues(results);
        values.put("testid", opened.get("var-testid"));
        long from = Long.parseLong(opened.get("from"));
        long to = Long.parseLong(opened.get("to"));
        values.put("__range", (to - from) / 1000 + "s");
        String requests = GrafanaDashboard.substitute(results.targets().stream()
                .filter(target -> target.panel().path("title").asText().equals("Requests")).findFirst().orElseThrow()
                .expr(), values);
        assertThat(prometheus.query(requests, Instant.ofEpochMilli(to))).as("%s opened from the Runs table: %s",
                results.title(), requests).singleElement()
                .satisfies(sample -> assertThat(sample.value()).isEqualTo(summary.requests()));
    }

    private List<Map<String, Object>> runsTable(GrafanaDashboard runs, String title, Duration range) {
        JsonNode panel = runs.dataPanels().stream().filter(one -> one.path("title").asText().equals(title))
                .findFirst().orElseThrow();
        Map<String, String> values = variableValues(runs);
        values.put("__range", range.toSeconds() + "s");
        return GrafanaTable.rows(panel, target -> prometheus.query(GrafanaDashboard.substitute(target.expr(), values),
                at), runs);
    }

    /**
     * Runs the annotation's query as Grafana does (a range query at its step over a time range holding the runs, here
     * from before the k6-shaped run to now) and checks the regions it draws against the windows the report finds.
     */
    private void assertMarksTheRuns(GrafanaDashboard.Annotation annotation) {
        Map<String, String> values = variableValues(annotation.dashboard());
        String query = GrafanaDashboard.substitute(annotation.expr(), values);
        Duration step = annotation.step();
        JsonNode data = prometheus.range(query, k6Start.minusSeconds(30), at, step);
        List<GrafanaAnnotations.Region> regions = GrafanaAnnotations.regions(data, step, annotation.titleFormat());
        Map<String, GrafanaAnnotations.Region> byTitle = new TreeMap<>();
        regions.forEach(region -> assertThat(byTitle.put(region.title(), region))
                .as("%s drew two regions titled %s: %s", annotation, region.title(), regions).isNull());

        if (annotation.name().equals("Load-generator runs")) {
            assertThat(byTitle).as("%s%n  %s", annotation, query).containsOnlyKeys("Run " + TESTID, "Run " + K6_TESTID);
            for (String testid : List.of(TESTID, K6_TESTID)) {
                List<Instant> samples = firstAndLastSample(runMarks(testid));
                GrafanaAnnotations.Region region = byTitle.get("Run " + testid);
                // from the first step at or after the first sample to the last step before the stale markers
                assertThat(region.start()).as("%s: start of %s", annotation, testid)
                        .isBetween(samples.get(0), samples.get(0).plus(step));
                assertThat(region.end()).as("%s: end of %s", annotation, testid)
                        .isBetween(samples.get(1).minus(step), samples.get(1).plus(step));
            }
        } else {
            assertThat(annotation.name()).isEqualTo("Exporter runs");
            assertThat(byTitle).as("%s%n  %s", annotation, query)
                    .containsOnlyKeys("Exporter run " + TESTID, "Exporter run " + CONTROLLER_TESTID);
            for (String testid : List.of(TESTID, CONTROLLER_TESTID)) {
                String pushes = "push_time_seconds{testid=\"" + testid + "\"}[" + Duration.between(k6Start, at)
                        .toSeconds() + "s]";
                Instant first = epochSeconds(prometheus.query("min(min_over_time(" + pushes + "))", at));
                Instant last = epochSeconds(prometheus.query("max(max_over_time(" + pushes + "))", at));
                GrafanaAnnotations.Region region = byTitle.get("Exporter run " + testid);
                // from the first scrape of the group's pushes (every 5 s) to its last push
                assertThat(region.start()).as("%s: start of %s", annotation, testid)
                        .isBetween(first, first.plusSeconds(5).plus(step));
                assertThat(region.end()).as("%s: end of %s", annotation, testid).isBetween(last.minus(step), last);
            }
        }
    }

    /** The series that mark a load generator's run: its VUs and its request counters. */
    private static String runMarks(String testid) {
        return "{__name__=~\"k6_vus|k6_http_reqs_total\", testid=\"" + testid + "\"}";
    }

    /** The time of the first and of the last sample of the series of {@code selector} since before the k6 run. */
    private List<Instant> firstAndLastSample(String selector) {
        JsonNode data = prometheus.instant(selector + "[" + Duration.between(k6Start, at).plusSeconds(30).toSeconds()
                + "s]", at);
        List<Instant> times = new ArrayList<>();
        data.path("result").forEach(series -> series.path("values").forEach(sample ->
                times.add(Instant.ofEpochMilli(Math.round(sample.get(0).asDouble() * 1000)))));
        assertThat(times).as("samples of %s", selector).isNotEmpty();
        return List.of(times.stream().min(Comparator.naturalOrder()).orElseThrow(),
                times.stream().max(Comparator.naturalOrder()).orElseThrow());
    }

    private static Instant epochSeconds(List<PrometheusClient.Sample> samples) {
        assertThat(samples).hasSize(1);
        return Instant.ofEpochMilli(Math.round(samples.get(0).value() * 1000));
    }

    @Test
    void demoApiExposesExactlyTheBucketsTheChartAcceptsAsThresholds() throws IOException {
        Set<String> exposed = new TreeSet<>();
        prometheus.instant("count by (le) (http_request_duration_seconds_bucket{job=\"demo-api\"})", at)
                .path("result").forEach(series -> exposed.add(series.path("metric").path("le").asText()));
        exposed.remove("+Inf");

        assertThat(exposed).isEqualTo(new TreeSet<>(chartLatencyBuckets()));
    }

    @Test
    void everyRuleGroupEvaluatedWellWithinItsInterval() {
        assertThat(slowestRuleGroupEvaluation).containsKeys("perf-monitoring-http", "perf-monitoring-slo",
                "perf-monitoring-slo-alerts", "perf-monitoring-availability", "perf-monitoring-load-test-data");
        assertThat(slowestRuleGroupEvaluation.values()).as("slowest evaluation of each group, seconds")
                .allSatisfy(seconds -> assertThat(seconds).isLessThan(
                        (double) Duration.parse("PT" + StackSettings.RULE_INTERVAL).toSeconds()));
    }

    private void assertReturnsData(Target target, Map<String, String> values) {
        String query = GrafanaDashboard.substitute(target.expr(), values);
        String where = target.describe() + "\n  query: " + query;
        JsonNode data;
        try {
            data = target.instant() ? prometheus.instant(query, at) : prometheus.range(query, loadStart, at, STEP);
        } catch (PrometheusQueryException e) {
            throw new AssertionError(where + "\n  rejected: " + e.getMessage(), e);
        }
        assertThat(PrometheusClient.hasFiniteSample(data)).as("%s\n  returned no data: %s", where, data).isTrue();
    }

    private void assertListsValues(GrafanaDashboard dashboard, JsonNode variable, Map<String, String> values) {
        String name = variable.path("name").asText();
        Matcher query = LABEL_VALUES.matcher(GrafanaDashboard.substitute(variable.path("definition").asText(), values));
        assertThat(query.matches()).as("%s $%s is a label_values() query", dashboard.title(), name).isTrue();
        List<String> listed = prometheus.labelValues(query.group(2), query.group(1), loadStart, at);
        if (name.equals("namespace")) {
            return; // the one-machine stack's series have no namespace label
        }
        assertThat(listed).as("values of %s $%s (%s)", dashboard.title(), name, query.group(0)).isNotEmpty();
        String current = dashboard.currentValue(name);
        if (!current.equals(".*") && !current.isEmpty()) {
            assertThat(listed).as("values of %s $%s", dashboard.title(), name).contains(current);
        }
    }

    /**
     * What Grafana substitutes as the dashboard opens on the run's time range: a variable's current value, or, for a
     * variable saved without one (the run comparison's $base and $current), the first value its query lists in its
     * sort order.
     */
    private Map<String, String> variableValues(GrafanaDashboard dashboard) {
        Map<String, String> values = new HashMap<>();
        dashboard.variables().keySet().forEach(name -> values.put(name, dashboard.currentValue(name)));
        dashboard.variables().values().stream()
                .filter(variable -> "query".equals(variable.path("type").asText()))
                .filter(variable -> dashboard.currentValue(variable.path("name").asText()).isEmpty())
                .forEach(variable -> values.put(variable.path("name").asText(), firstListed(variable, values)));
        long range = rangeSeconds();
        values.put("__rate_interval", "20s");
        values.put("__interval", STEP.toSeconds() + "s");
        values.put("__interval_ms", Long.toString(STEP.toMillis()));
        values.put("__range", range + "s");
        values.put("__range_s", Long.toString(range));
        values.put("__range_ms", Long.toString(range * 1000));
        return values;
    }

    /** The first value a variable's label_values() query lists, in its sort order (1 ascending, 2 descending). */
    private String firstListed(JsonNode variable, Map<String, String> values) {
        Matcher query = LABEL_VALUES.matcher(GrafanaDashboard.substitute(variable.path("definition").asText(), values));
        assertThat(query.matches()).as("%s is a label_values() query", variable.path("name").asText()).isTrue();
        List<String> listed = new ArrayList<>(prometheus.labelValues(query.group(2), query.group(1), loadStart, at));
        listed.sort(variable.path("sort").asInt() == 2 ? Comparator.reverseOrder() : Comparator.naturalOrder());
        assertThat(listed).as("values of $%s", variable.path("name").asText()).isNotEmpty();
        return listed.get(0);
    }

    private long rangeSeconds() {
        return Duration.between(loadStart, at).toSeconds() + 1;
    }

    /**
     * Waits until Prometheus has scraped the run's last report (the exporter's run time, posted after the last batch)
     * and every rule group has been evaluated after that, and one query step has passed since.
     */
    private void awaitRuleEvaluationsAfter(Instant loadEnd) throws InterruptedException {
        Instant deadline = loadEnd.plus(Duration.ofSeconds(60));
        String lastReport = "Loadtests_test_run_time_count{testid=\"" + TESTID + "\"}";
        while (!PrometheusClient.hasFiniteSample(prometheus.instant(lastReport, Instant.now()))) {
            assertThat(Instant.now()).as("%s in Prometheus", lastReport).isBefore(deadline);
            Thread.sleep(500);
        }
        Instant scraped = Instant.now();
        while (true) {
            JsonNode groups = prometheus.ruleGroups();
            boolean allAfter = groups.size() > 0;
            for (JsonNode group : groups) {
                allAfter &= Instant.parse(group.path("lastEvaluation").asText()).isAfter(scraped);
            }
            if (allAfter) {
                // The panels' range queries end at "now" in steps of STEP from the load's start: their last step must
                // not fall before the last report's first sample, or that report's panels show nothing (it happened).
                Duration toOneStepLater = Duration.between(Instant.now(), scraped.plus(STEP));
                if (!toOneStepLater.isNegative()) {
                    Thread.sleep(toOneStepLater.toMillis() + 1);
                }
                return;
            }
            assertThat(Instant.now()).as("rule groups evaluated after %s", scraped).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    private void sampleRuleGroupDurations() {
        Matcher sample = RULE_GROUP_DURATION.matcher(stack.prometheus().get("/metrics"));
        while (sample.find()) {
            double seconds = Double.parseDouble(sample.group(2));
            slowestRuleGroupEvaluation.merge(sample.group(1), seconds, Math::max);
            lastRuleGroupEvaluation.put(sample.group(1), seconds);
        }
    }

    private void printRuleGroupDurations() {
        sampleRuleGroupDurations();
        new TreeMap<>(slowestRuleGroupEvaluation).forEach((group, slowest) -> System.out.printf(Locale.ROOT,
                "rule group %-32s prometheus_rule_group_last_duration_seconds after the run %.1f ms, slowest "
                        + "during the run %.1f ms%n", group, lastRuleGroupEvaluation.get(group) * 1000, slowest * 1000));
    }

    /** The concurrency controller's per-second report (seed 000's /pushMetrics), as a second load tool would send it. */
    private void pushMetricsLikeTheConcurrencyController(int tick) {
        String json = String.format(Locale.ROOT, "{\"total\": %d, \"failed\": %d, \"latency\": %.3f, \"RPS\": %d}",
                tick * 100, tick, 0.05 + tick * 0.001, 20);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url("exporter-service") + "/pushMetrics?testid="
                        + CONTROLLER_TESTID))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                controllerReportFailures.add("POST /pushMetrics " + json + " -> " + status);
            }
        } catch (IOException e) {
            controllerReportFailures.add("POST /pushMetrics " + json + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The demo-api buckets the chart accepts as thresholds, from the chart's template. */
    private static List<String> chartLatencyBuckets() throws IOException {
        String template = Files.readString(ChartRenderer.chartDirectory().resolve("templates/_slo.tpl"));
        Matcher buckets = Pattern.compile("define \"perf-monitoring.demoApiLatencyBuckets\" -}}\\s*\\n([^{\\n]+)\\n")
                .matcher(template);
        assertThat(buckets.find()).as("perf-monitoring.demoApiLatencyBuckets in _slo.tpl").isTrue();
        return List.of(buckets.group(1).trim().split("\\s+"));
    }
}
