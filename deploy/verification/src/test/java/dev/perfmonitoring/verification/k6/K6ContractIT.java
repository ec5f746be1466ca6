package dev.perfmonitoring.verification.k6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.ClientSideLine;
import dev.perfmonitoring.stack.report.ClientSideQueries;
import dev.perfmonitoring.stack.report.ClientSideReport;
import dev.perfmonitoring.stack.report.EndpointVerdict;
import dev.perfmonitoring.stack.report.RunWindow;
import dev.perfmonitoring.testing.PrometheusAssertions;
import dev.perfmonitoring.verification.dashboards.GrafanaAnnotations;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard.Target;
import dev.perfmonitoring.verification.dashboards.GrafanaDashboard;
import dev.perfmonitoring.verification.dashboards.GrafanaTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract test of the load-generator dashboard and the report's client side against data of exactly the shape k6
 * writes: k6 cannot run here, so {@link KnownK6Run} (100 000 known requests in 600 s, 10 failed) goes through
 * {@link K6Output} (k6 2.2.0's remote-write output rebuilt from its source, every detail cited there) and
 * {@link K6RemoteWriteClient} (k6's wire format and headers) into a real Prometheus 2.42 with native histograms on and the
 * chart's rules loaded; the run ended about a minute before the queries. Then the dashboard's own queries (read from
 * its JSON, variables substituted as Grafana would) and the report's client-side queries must give the run's numbers:
 * failure share 0.01 % from counts (the average of k6_http_req_failed_rate series the old panel used gives 20 %),
 * p95 per request name within the native histogram's bucket error (schema 3: a factor 2^(1/8)) of the window's true
 * p95, a late 20 s latency spike crossing the SLO in the windowed p95 within seconds while the cumulative view stays
 * under it, request rates, VUs, dropped iterations, checks weighted by count, and what k6's thresholds from the chart
 * decide for each name. The same run spread over two runners of a k6-operator TestRun (each k6 process its own
 * output, its samples tagged {@code instance_id} and {@code testrun_name} as the operator tags them, load shared as k6
 * shares the Person scenario's at parallelism 2) shows the same numbers: counts, failure shares and histograms summed
 * over the runners, peak VUs as the runners' sum (one runner's peak, 37, before), checks weighted per runner.
 * A baseline of the run (the same requests 20 % faster, none failed; {@link KnownK6Run#baseline})
 * went in before it, ending 100 s before the run began: the Runs dashboard's table must list both with their windows
 * (the report's, within a second), 100 000 requests, failure shares 0.01 % and 0, throughput and the worst 1-minute p95
 * against the SLO; a row's link must open the load-generator dashboard on exactly that run; the run comparison must
 * show per request name both runs' p95 and p99 (the current one equal to the report's client side), failure shares,
 * throughput and the changes (p95 and p99 25 % worse); and each load-generator run annotation must draw one region per
 * run, from its first to its last sample.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class K6ContractIT {

    private static final String TESTID = "k6-contract";
    /** The same run spread over two runners of the k6-operator's TestRun {@value #TEST_RUN}. */
    private static final String OPERATOR_TESTID = "k6-contract-operator";
    private static final String TEST_RUN = "perf-monitoring-k6-7";
    private static final String BASELINE = "k6-contract-baseline";
    /** The baseline run began this long before the run: it ended 100 s before the run began. */
    private static final long BASELINE_EARLIER_MILLIS = 700_000;
    /** End - Start of a known run in the Runs table: from 4 s (its first VUs sample, 4.5 s, widened) to 600 s. */
    private static final double TABLE_RUN_SECONDS = 596;
    private static final String GET = "GET /person/{id}";
    private static final double BUCKET_FACTOR = Math.pow(2, 1 / 8.0);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PrometheusServer prometheus;
    private PrometheusClient client;
    private final KnownK6Run run = new KnownK6Run(TESTID);
    private final KnownK6Run baseline = KnownK6Run.baseline(BASELINE);
    private long start;
    private long baselineStart;
    private Instant at;
    private final List<Integer> writeStatuses = new ArrayList<>();
    private final List<Integer> operatorWriteStatuses = new ArrayList<>();
    private final List<Integer> baselineWriteStatuses = new ArrayList<>();
    private GrafanaDashboard dashboard;

    @BeforeAll
    void pushTheKnownRunAsK6Would(@TempDir Path dir) throws Exception {
        Path rules = ChartRenderer.chart().render().writeRuleFile(dir.resolve("rules/perf-monitoring.rules.yml"));
        prometheus = PrometheusServer.builder().workDir(dir).ruleFile(rules).enableFeature("native-histograms").start();
        client = prometheus.client();
        PrometheusAssertions.awaitSeries(prometheus, "slo:latency_threshold:seconds", Duration.ofSeconds(30));
        start = (System.currentTimeMillis() - KnownK6Run.DURATION_MILLIS - 60_000) / 5_000 * 5_000;
        baselineStart = start - BASELINE_EARLIER_MILLIS;
        K6RemoteWriteClient writer = new K6RemoteWriteClient(URI.create(prometheus.url() + "/api/v1/write"));
        K6Output baselineOutput = new K6Output();
        baseline.emit(baselineStart, baselineOutput,
                (flushAt, series) -> baselineWriteStatuses.add(writer.store(series)));
        baselineWriteStatuses.add(writer.store(
                baselineOutput.staleMarkers(baselineStart + KnownK6Run.DURATION_MILLIS)));
        K6Output output = new K6Output();
        run.emit(start, output, (flushAt, series) -> writeStatuses.add(writer.store(series)));
        writeStatuses.add(writer.store(output.staleMarkers(start + KnownK6Run.DURATION_MILLIS)));
        List<K6Output> runners = List.of(new K6Output(), new K6Output());
        new KnownK6Run(OPERATOR_TESTID).emitAsTwoRunners(start, TEST_RUN, runners,
                (flushAt, series) -> operatorWriteStatuses.add(writer.store(series)));
        for (K6Output runner : runners) {
            operatorWriteStatuses.add(writer.store(runner.staleMarkers(start + KnownK6Run.DURATION_MILLIS)));
        }
        at = Instant.now();
        dashboard = GrafanaDashboard.all().stream().filter(one -> one.uid().equals("perf-monitoring-k6-results"))
                .findFirst().orElseThrow();
    }

    @AfterAll
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void prometheusTookEveryFlushAndTheStaleMarkersOfAHistogramSeriesAsK6SendsThem() {
        assertThat(writeStatuses).hasSize(121).containsOnly(204);
        assertThat(baselineWriteStatuses).hasSize(121).containsOnly(204);
        assertThat(client.query("count(k6_http_reqs_total{testid=\"" + TESTID + "\"})", second(599))).isNotEmpty();
        assertThat(client.query("count(k6_http_reqs_total{testid=\"" + TESTID + "\"})", second(601)))
                .as("the run's series end with its stale markers, not 5 minutes later").isEmpty();
        assertThat(client.query("count(k6_http_req_duration_seconds{testid=\"" + TESTID + "\"})", second(601))).isEmpty();
    }

    @Test
    void seriesCarryK6sNamesAndLabels() {
        List<Sample> series = client.query("k6_http_reqs_total{testid=\"" + TESTID + "\", status=\"500\"}", second(400));

        assertThat(series).hasSize(2).allSatisfy(one -> assertThat(one.labels()).containsOnlyKeys("__name__", "testid",
                "k6_feature_native_histograms", "scenario", "name", "url", "method", "status", "proto", "error_code",
                "expected_response").containsEntry("error_code", "1500").containsEntry("expected_response", "false"));
        assertThat(client.query("count by (__name__) ({testid=\"" + TESTID + "\"})", second(400)))
                .extracting(sample -> sample.label("__name__")).contains("k6_http_reqs_total",
                        "k6_http_req_duration_seconds", "k6_http_req_waiting_seconds", "k6_http_req_failed_rate",
                        "k6_iterations_total", "k6_iteration_duration_seconds", "k6_checks_rate", "k6_vus",
                        "k6_vus_max", "k6_data_sent_total", "k6_data_received_total");
    }

    @Test
    void requestsAndFailureShareComeFromCountsNotFromAnAverageOfZeroOrOneSeries() {
        assertThat(stat("Requests")).isEqualTo(100_000);
        assertThat(stat("Failed requests")).as("10 of 100 000").isCloseTo(1e-4, within(1e-12));

        double averageOfRateSeries = client.query("avg(k6_http_req_failed_rate{testid=\"" + TESTID + "\"})",
                second(400)).get(0).value();
        assertThat(averageOfRateSeries).as("the old panel's avg(k6_http_req_failed_rate)").isGreaterThan(0.1);
    }

    @Test
    void failedRequestsByNameAreEachNamesShareFromCounts() {
        Map<String, Double> byName = byName(panel("Failed requests by request name", "A"), second(400));

        assertThat(byName).containsOnlyKeys(KnownK6Run.requestNames());
        assertThat(byName.get("POST /person")).isCloseTo(6 / 30_000.0, within(1e-12));
        assertThat(byName.get("PUT /person/{id}")).isCloseTo(4 / 6_000.0, within(1e-12));
        assertThat(byName.get(GET)).isZero();
        assertThat(byName.get("GET /person/list")).isZero();
        assertThat(byName.get("DELETE /person/{id}")).isZero();
    }

    @Test
    void p95ByNameIsTheMinutesP95WithinTheNativeHistogramsBucketError() {
        Map<String, Double> p95 = byName(panel("Request duration p95 by request name against the SLO", "A"),
                second(300));

        assertThat(p95).containsOnlyKeys("POST /person", GET, "GET /person/list", "DELETE /person/{id}");
        p95.forEach((name, seconds) -> assertWithinBucketError(name + " p95 at 300 s", seconds,
                KnownK6Run.nearestRank(run.durations(name, 245_000, 300_000), 0.95)));
        Map<String, Double> slo = byName(panel("Request duration p95 by request name against the SLO", "B"), at);
        assertThat(slo).containsEntry(GET, 0.2).containsEntry("POST /person", 0.3).containsEntry("GET /person/list", 0.4);
    }

    @Test
    void aLateLatencySpikeMovesTheWindowedP95AcrossTheSloWithinAMinute() {
        Target p95 = panel("Request duration p95 by request name against the SLO", "A");
        double before = byName(p95, second(540)).get(GET);
        double tenSecondsIn = byName(p95, second(550)).get(GET);
        double twentySecondsIn = byName(p95, second(560)).get(GET);

        assertWithinBucketError("p95 before the spike", before,
                KnownK6Run.nearestRank(run.durations(GET, 485_000, 540_000), 0.95));
        assertThat(before).isLessThan(0.2);
        assertWithinBucketError("p95 10 s into the spike", tenSecondsIn,
                KnownK6Run.nearestRank(run.durations(GET, 495_000, 550_000), 0.95));
        assertWithinBucketError("p95 20 s into the spike", twentySecondsIn,
                KnownK6Run.nearestRank(run.durations(GET, 505_000, 560_000), 0.95));
        assertThat(tenSecondsIn).isGreaterThan(0.2);
        assertThat(twentySecondsIn).isGreaterThan(0.2);
        double sinceTheStart = client.query("histogram_quantile(0.95, sum(k6_http_req_duration_seconds{testid=\""
                + TESTID + "\", name=\"" + GET + "\"}))", second(560)).get(0).value();
        assertThat(sinceTheStart).as("p95 since the run began, what the old trend-stats gauge drew").isLessThan(0.2);
    }

    @Test
    void percentilesAndAverageByName() {
        String list = "GET /person/list";
        double[] window = run.durations(list, 245_000, 300_000);

        assertWithinBucketError("list p50", byName(panel("Request duration percentiles by request name", "A"),
                second(300)).get(list), KnownK6Run.nearestRank(window, 0.5));
        assertWithinBucketError("list p99", byName(panel("Request duration percentiles by request name", "B"),
                second(300)).get(list), KnownK6Run.nearestRank(window, 0.99));
        double mean = Arrays.stream(window).average().orElseThrow() / 1000;
        assertThat(byName(panel("Request duration percentiles by request name", "C"), second(300)).get(list))
                .isCloseTo(mean, within(mean * 1e-9));
    }

    @Test
    void requestRatesIterationsAndDataPerSecond() {
        Map<String, Double> rates = byName(panel("Requests per second by request name", "A"), second(400));
        assertThat(rates.get(GET)).isCloseTo(40_000 / 600.0, within(0.5));
        assertThat(rates.get("GET /person/list")).isCloseTo(20_000 / 600.0, within(0.3));
        assertThat(rates.get("DELETE /person/{id}")).isCloseTo(4_000 / 600.0, within(0.1));
        double total = 64_000 / 600.0;
        assertThat(single(panel("Request rate", "A"), second(400))).isCloseTo(total, within(total * 0.01));
        assertThat(byLabel(panel("Iterations per second by scenario", "A"), second(400), "scenario").get("get"))
                .isCloseTo(40_000 / 600.0, within(0.5));
        assertThat(single(panel("Data transferred", "A"), second(400))).isCloseTo(180 * total, within(180 * total * 0.01));
        assertThat(single(panel("Data transferred", "B"), second(400))).isCloseTo(320 * total, within(320 * total * 0.01));
    }

    @Test
    void virtualUsersAndDroppedIterations() {
        assertThat(single(panel("Virtual users", "A"), second(100))).isEqualTo(KnownK6Run.VUS_WHILE_CREATING);
        assertThat(single(panel("Virtual users", "A"), second(400))).isEqualTo(KnownK6Run.VUS_AFTER_CREATING);
        assertThat(single(panel("Virtual users", "B"), second(400))).isEqualTo(KnownK6Run.VUS_WHILE_CREATING);
        assertThat(stat("Peak VUs")).isEqualTo(KnownK6Run.VUS_WHILE_CREATING);
        assertThat(stat("Dropped iterations")).isEqualTo(KnownK6Run.DROPPED);
        assertThat(byLabel(panel("Iterations per second by scenario", "B"), second(560), "scenario").get("get"))
                .isPositive();
    }

    @Test
    void checksAreWeightedByTheirCounts() {
        assertThat(stat("Checks passed")).as("99 990 of 100 000 checks passed").isCloseTo(0.9999, within(1e-9));
        Map<String, Double> byCheck = byLabel(panel("Checks passed by check", "A"), at, "check");
        assertThat(byCheck).hasSize(5)
                .containsEntry("list answered (200)", 1.0)
                .containsEntry("person found or unknown (200/404)", 1.0);
        assertThat(byCheck.get("person created (201)")).isCloseTo(29_994 / 30_000.0, within(1e-12));
        assertThat(byCheck.get("person updated or unknown (200/404)")).isCloseTo(5_996 / 6_000.0, within(1e-12));
    }

    @Test
    void reportsClientSideIsTheRunsNumbersAndWhatK6sThresholdsFromTheChartDecide() throws IOException {
        Duration window = Duration.ofMillis(at.toEpochMilli() - start);
        ClientSideReport report = new ClientSideQueries(client).report(at, window, TESTID);
        Map<String, double[]> sloByName = chartSloEndpoints();

        assertThat(report.lines()).extracting(ClientSideLine::request)
                .containsExactlyInAnyOrderElementsOf(KnownK6Run.requestNames());
        assertThat(report.lines().stream().mapToDouble(line -> line.calls().value()).sum()).isEqualTo(100_000);
        for (ClientSideLine line : report.lines()) {
            String name = line.request();
            List<KnownK6Run.Request> requests = run.requests().stream().filter(r -> r.name().equals(name)).toList();
            long failed = requests.stream().filter(KnownK6Run.Request::failed).count();
            assertThat(line.generator()).isEqualTo("k6");
            assertThat(line.calls().value()).as(name).isEqualTo(requests.size());
            assertThat(line.failedRatio().value()).as(name).isCloseTo((double) failed / requests.size(), within(1e-12));
            assertWithinBucketError(name + " p95 of the run", line.p95().optional().orElseThrow(),
                    KnownK6Run.nearestRank(run.durations(name, 0, KnownK6Run.DURATION_MILLIS), 0.95));
            double[] slo = sloByName.get(name);
            double k6P95 = KnownK6Run.k6Percentile(run.durations(name, 0, KnownK6Run.DURATION_MILLIS), 0.95);
            boolean k6Passes = k6P95 <= slo[0] * 1000 && (double) failed / requests.size() <= 1 - slo[1] + 1e-12;
            assertThat(line.verdict()).as("%s: k6's p(95) %.1f ms against %s s", name, k6P95, slo[0])
                    .isEqualTo(k6Passes ? EndpointVerdict.Verdict.PASS : EndpointVerdict.Verdict.FAIL);
            assertThat(line.threshold().optional().orElseThrow()).isEqualTo(slo[0]);
        }
        assertThat(report.lines()).filteredOn(line -> line.verdict() == EndpointVerdict.Verdict.FAIL)
                .extracting(ClientSideLine::request).containsExactly("DELETE /person/{id}");
        assertThat(report.lines()).filteredOn(line -> line.request().equals(GET)).singleElement()
                .satisfies(line -> assertThat(line.worstMinuteP95().optional().orElseThrow()).isGreaterThan(0.2));
    }

    @Test
    void aRunSpreadOverK6OperatorRunnersShowsAsTheSameOneRun() {
        assertThat(operatorWriteStatuses).hasSize(2 * 121).containsOnly(204);
        assertThat(client.query("count by (instance_id, testrun_name) (k6_http_reqs_total{testid=\"" + OPERATOR_TESTID
                + "\"})", second(400))).extracting(sample -> sample.label("instance_id") + " " + sample.label("testrun_name"))
                .containsExactlyInAnyOrder("1 " + TEST_RUN, "2 " + TEST_RUN);

        assertThat(stat("Requests", OPERATOR_TESTID)).isEqualTo(100_000);
        assertThat(stat("Failed requests", OPERATOR_TESTID)).isCloseTo(1e-4, within(1e-12));
        assertThat(stat("Peak VUs", OPERATOR_TESTID)).as("37 + 35 VUs").isEqualTo(KnownK6Run.VUS_WHILE_CREATING);
        assertThat(single(panel("Virtual users", "A"), second(400), OPERATOR_TESTID))
                .isEqualTo(KnownK6Run.VUS_AFTER_CREATING);
        assertThat(stat("Dropped iterations", OPERATOR_TESTID)).isEqualTo(KnownK6Run.DROPPED);
        assertThat(stat("Checks passed", OPERATOR_TESTID)).as("99 990 of 100 000 checks passed, runners weighted by "
                + "their checks").isCloseTo(0.9999, within(1e-9));
        Map<String, Double> byCheck = byLabel(panel("Checks passed by check", "A"), at, "check", OPERATOR_TESTID);
        assertThat(byCheck.get("person updated or unknown (200/404)")).as("4 failed, all on runner 1 of 3 600 updates")
                .isCloseTo(5_996 / 6_000.0, within(1e-12));
        Map<String, Double> failed = byLabel(panel("Failed requests by request name", "A"), second(400), "name",
                OPERATOR_TESTID);
        assertThat(failed.get("PUT /person/{id}")).isCloseTo(4 / 6_000.0, within(1e-12));
        Map<String, Double> p95 = byLabel(panel("Request duration p95 by request name against the SLO", "A"),
                second(300), "name", OPERATOR_TESTID);
        p95.forEach((name, seconds) -> assertWithinBucketError(name + " p95 at 300 s, two runners", seconds,
                KnownK6Run.nearestRank(run.durations(name, 245_000, 300_000), 0.95)));
        assertThat(p95).containsOnlyKeys("POST /person", GET, "GET /person/list", "DELETE /person/{id}");
    }

    @Test
    void reportsClientSideOfARunSpreadOverK6OperatorRunnersIsTheWholeRun() {
        Duration window = Duration.ofMillis(at.toEpochMilli() - start);
        ClientSideReport report = new ClientSideQueries(client).report(at, window, OPERATOR_TESTID);

        assertThat(report.lines()).extracting(ClientSideLine::request)
                .containsExactlyInAnyOrderElementsOf(KnownK6Run.requestNames());
        for (ClientSideLine line : report.lines()) {
            String name = line.request();
            List<KnownK6Run.Request> requests = run.requests().stream().filter(r -> r.name().equals(name)).toList();
            long failed = requests.stream().filter(KnownK6Run.Request::failed).count();
            assertThat(line.calls().value()).as(name).isEqualTo(requests.size());
            assertThat(line.failedRatio().value()).as(name).isCloseTo((double) failed / requests.size(), within(1e-12));
            assertWithinBucketError(name + " p95 of the run, two runners", line.p95().optional().orElseThrow(),
                    KnownK6Run.nearestRank(run.durations(name, 0, KnownK6Run.DURATION_MILLIS), 0.95));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryOfTheDashboardReturnsDataFromTheK6Run() {
        Map<String, String> values = variables();
        return dashboard.targets().stream().map(target -> DynamicTest.dynamicTest(target.describe(), () -> {
            String query = GrafanaDashboard.substitute(target.expr(), values);
            // the SLO lines come from the chart's rules, which Prometheus records from its start on, after the run
            boolean k6Data = target.expr().contains("k6_");
            JsonNode data = client.instant(query, target.instant() || !k6Data ? at : second(560));
            assertThat(PrometheusClient.hasFiniteSample(data)).as("%s%n  %s%n  %s", target, query, data).isTrue();
        }));
    }

    @Test
    void runsTableListsBothRunsWithTheirWindowsTotalsThroughputAndWorstP95AgainstTheSlo() throws IOException {
        Map<String, Map<String, Object>> rows = runsTable("perf-monitoring-runs", "Load-generator runs", Map.of());
        Map<String, double[]> slo = chartSloEndpoints();

        assertThat(rows).containsOnlyKeys(TESTID, BASELINE, OPERATOR_TESTID);
        for (KnownK6Run known : List.of(run, baseline, new KnownK6Run(OPERATOR_TESTID))) {
            String testid = known.testid();
            long runStart = testid.equals(BASELINE) ? baselineStart : start;
            Map<String, Object> row = rows.get(testid);
            // k6 samples the VUs every second from 0.5 s and sends them at each 5 s flush: the first at 4.5 s, the
            // last at 599.5 s; a request counter is stamped with its newest request, a little before that; the table
            // widens the first and last sample of either to whole seconds, the report takes them as they are
            assertThat(row.get("Start")).as(testid).isEqualTo((double) runStart + 4_000);
            assertThat(row.get("End")).as(testid).isEqualTo((double) runStart + 600_000);
            RunWindow window = RunWindow.find(client, testid, at).orElseThrow();
            assertThat(window.start().toEpochMilli()).as("the report's start of " + testid)
                    .isBetween(runStart + 4_000, runStart + 4_500);
            assertThat(window.end().toEpochMilli()).as("the report's end of " + testid)
                    .isBetween(runStart + 599_000, runStart + 600_000);
            assertThat(row.get("Requests")).as(testid).isEqualTo(100_000.0);
            assertThat((double) row.get("Failure share")).as(testid)
                    .isCloseTo(testid.equals(BASELINE) ? 0 : 1e-4, within(1e-12));
            assertThat((double) row.get("Throughput")).as(testid)
                    .isCloseTo(100_000 / TABLE_RUN_SECONDS, within(1e-9));
            assertThat(row.get("Peak VUs")).as("%s: every runner's VUs together", testid)
                    .isEqualTo((double) KnownK6Run.VUS_WHILE_CREATING);
            assertWithinBucketFactor(testid + " worst 1-minute p95 / SLO", (double) row.get("Worst p95 / SLO"),
                    worstMinuteP95OverSlo(known, slo));
        }
        assertThat((double) rows.get(TESTID).get("Worst p95 / SLO")).as("the late spike of GET /person/{id}")
                .isGreaterThan(2);
    }

    @Test
    void aRunsRowLinksToTheLoadGeneratorDashboardOnExactlyThatRun() {
        Map<String, Object> row = runsTable("perf-monitoring-runs", "Load-generator runs", Map.of()).get(TESTID);
        GrafanaDashboard.DataLink link = GrafanaDashboard.byUid("perf-monitoring-runs").dataLinks().stream()
                .filter(one -> one.targetUid().equals(dashboard.uid())).findFirst().orElseThrow();

        String url = link.render(row, Map.of("datasource", "prometheus"));

        assertThat(url).isEqualTo("/d/perf-monitoring-k6-results?from=" + (start + 4_000) + "&to=" + (start + 600_000)
                + "&var-testid=" + TESTID + "&var-datasource=prometheus");
        Map<String, String> opened = new GrafanaDashboard.DataLink(dashboard, link.panel(), "", "", url).parameters();
        long from = Long.parseLong(opened.get("from"));
        long to = Long.parseLong(opened.get("to"));
        Map<String, String> values = variables();
        values.put("testid", opened.get("var-testid"));
        values.put("__range", (to - from) / 1000 + "s");
        Instant end = Instant.ofEpochMilli(to);
        assertThat(client.query(GrafanaDashboard.substitute(panel("Requests", "A").expr(), values), end))
                .singleElement().satisfies(requests -> assertThat(requests.value()).isEqualTo(100_000));
        assertThat(client.query(GrafanaDashboard.substitute(panel("Failed requests", "A").expr(), values), end))
                .singleElement().satisfies(share -> assertThat(share.value()).isCloseTo(1e-4, within(1e-12)));
        assertThat(client.query(GrafanaDashboard.substitute(panel("Dropped iterations", "A").expr(), values), end))
                .singleElement().satisfies(dropped -> assertThat(dropped.value()).isEqualTo(KnownK6Run.DROPPED));
    }

    @Test
    void runComparisonShowsBothRunsByRequestNameWithTheChange() {
        Map<String, String> chosen = Map.of("base", BASELINE, "current", TESTID);
        Map<String, Map<String, Object>> both = runsTable("perf-monitoring-run-comparison", "Both runs", chosen);
        assertThat(both).containsOnlyKeys(TESTID, BASELINE);
        assertThat(both.values()).allSatisfy(row -> assertThat(row.get("Requests")).isEqualTo(100_000.0));
        ClientSideReport report = new ClientSideQueries(client).report(at, Duration.ofMillis(at.toEpochMilli() - start),
                TESTID);
        Map<String, Map<String, Object>> p95 = comparisonTable("p95 by request name", chosen);
        Map<String, Map<String, Object>> p99 = comparisonTable("p99 by request name", chosen);
        Map<String, Map<String, Object>> failed = comparisonTable("Failure share by request name", chosen);
        Map<String, Map<String, Object>> throughput = comparisonTable("Throughput by request name", chosen);
        double slower = 1 / KnownK6Run.BASELINE_LATENCY_FACTOR;

        assertThat(p95).containsOnlyKeys(KnownK6Run.requestNames());
        for (String name : KnownK6Run.requestNames()) {
            for (Map.Entry<Double, Map<String, Map<String, Object>>> quantile
                    : Map.of(0.95, p95, 0.99, p99).entrySet()) {
                Map<String, Object> line = quantile.getValue().get(name);
                double base = (double) line.get("Base");
                double current = (double) line.get("Current");
                assertWithinBucketError(name + " baseline p" + quantile.getKey(), base, KnownK6Run.nearestRank(
                        baseline.durations(name, 0, KnownK6Run.DURATION_MILLIS), quantile.getKey()));
                assertWithinBucketError(name + " run p" + quantile.getKey(), current, KnownK6Run.nearestRank(
                        run.durations(name, 0, KnownK6Run.DURATION_MILLIS), quantile.getKey()));
                assertThat((double) line.get("Change")).as(name).isCloseTo(current / base - 1, within(1e-12));
                assertThat(current / base / slower).as("%s p%s: current / base over 1.25", name, quantile.getKey())
                        .isBetween(1 / (BUCKET_FACTOR * BUCKET_FACTOR), BUCKET_FACTOR * BUCKET_FACTOR);
            }
            ClientSideLine reported = report.lines().stream().filter(line -> line.request().equals(name)).findFirst()
                    .orElseThrow();
            assertThat((double) p95.get(name).get("Current")).as("%s p95: the report's client side", name)
                    .isCloseTo(reported.p95().value(), within(1e-12));
            List<KnownK6Run.Request> requests = run.requests().stream().filter(r -> r.name().equals(name)).toList();
            double share = (double) requests.stream().filter(KnownK6Run.Request::failed).count() / requests.size();
            assertThat((double) failed.get(name).get("Base")).as(name).isZero();
            assertThat((double) failed.get(name).get("Current")).as(name).isCloseTo(share, within(1e-12));
            assertThat((double) failed.get(name).get("Change")).as(name).isCloseTo(share, within(1e-12));
            assertThat((double) throughput.get(name).get("Base")).as(name)
                    .isCloseTo(requests.size() / TABLE_RUN_SECONDS, within(1e-9));
            assertThat((double) throughput.get(name).get("Current")).as(name)
                    .isCloseTo(requests.size() / TABLE_RUN_SECONDS, within(1e-9));
            assertThat((double) throughput.get(name).get("Change")).as(name).isCloseTo(0, within(1e-12));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLoadGeneratorAnnotationDrawsOneRegionPerRunFromItsFirstToItsLastSample() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GrafanaDashboard one : GrafanaDashboard.all()) {
            for (GrafanaDashboard.Annotation annotation : one.annotations()) {
                if (annotation.name().equals("Load-generator runs")) {
                    tests.add(DynamicTest.dynamicTest(annotation.describe(), () -> assertMarksBothRuns(annotation)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
        return tests.stream();
    }

    private void assertMarksBothRuns(GrafanaDashboard.Annotation annotation) {
        Map<String, String> values = new HashMap<>();
        annotation.dashboard().variables().keySet().forEach(name -> values.put(name, ".*"));
        values.putAll(Map.of("datasource", "prometheus", "base", BASELINE, "current", TESTID));
        String query = GrafanaDashboard.substitute(annotation.expr(), values);
        // Grafana runs it over the time range (here from a minute before the baseline to now) at its step
        JsonNode data = client.range(query, Instant.ofEpochMilli(baselineStart - 60_000), at, annotation.step());

        List<GrafanaAnnotations.Region> regions = GrafanaAnnotations.regions(data, annotation.step(),
                annotation.titleFormat());

        List<String> runs = annotation.expr().contains("$base")
                ? List.of("Run " + TESTID, "Run " + BASELINE)
                : List.of("Run " + TESTID, "Run " + BASELINE, "Run " + OPERATOR_TESTID);
        assertThat(regions).as(query).extracting(GrafanaAnnotations.Region::title).containsExactlyInAnyOrderElementsOf(runs);
        for (GrafanaAnnotations.Region region : regions) {
            long runStart = region.title().equals("Run " + BASELINE) ? baselineStart : start;
            // the first step at or after the first VUs sample (4.5 s), the last before the stale markers (600.001 s)
            assertThat(region.start()).as(region.title()).isEqualTo(Instant.ofEpochMilli(runStart + 5_000));
            assertThat(region.end()).as(region.title()).isEqualTo(Instant.ofEpochMilli(runStart + 600_000));
        }
    }

    /** A table of run rows (Runs, or the comparison's Both runs) over a range holding both runs, by testid. */
    private Map<String, Map<String, Object>> runsTable(String uid, String title, Map<String, String> chosen) {
        return GrafanaTable.byColumn(table(uid, title, chosen), "testid");
    }

    /** A table of the run comparison by request name. */
    private Map<String, Map<String, Object>> comparisonTable(String title, Map<String, String> chosen) {
        return GrafanaTable.byColumn(table("perf-monitoring-run-comparison", title, chosen), "Request name");
    }

    /** A table panel's rows as Grafana shows them over a time range holding both runs, ending now. */
    private List<Map<String, Object>> table(String uid, String title, Map<String, String> chosen) {
        GrafanaDashboard tables = GrafanaDashboard.byUid(uid);
        JsonNode panel = tables.dataPanels().stream().filter(one -> one.path("title").asText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no panel " + title + " in " + uid));
        Map<String, String> values = new HashMap<>(chosen);
        values.put("datasource", "prometheus");
        values.put("__range", ((at.toEpochMilli() - baselineStart) / 1000 + 60) + "s");
        return GrafanaTable.rows(panel, target -> client.query(GrafanaDashboard.substitute(target.expr(), values), at),
                tables);
    }

    /**
     * The worst 1-minute p95 of any request name over its SLO threshold, from the known requests: Prometheus's rate
     * over [1m] at a step t (every 5 s) spans the pushes from t - 55 s to t, so the requests from t - 55 s to t (from
     * 5 s on: the first push is where the rate starts; up to the run's end, whose last push the window still holds).
     */
    private static double worstMinuteP95OverSlo(KnownK6Run known, Map<String, double[]> slo) {
        double worst = 0;
        for (String name : KnownK6Run.requestNames()) {
            for (long step = 10_000; step <= KnownK6Run.DURATION_MILLIS + 55_000; step += 5_000) {
                long from = Math.max(5_000, step - 55_000);
                long to = Math.min(step, KnownK6Run.DURATION_MILLIS);
                double[] window = known.durations(name, from, to);
                if (to - from >= 5_000 && window.length > 0) {
                    worst = Math.max(worst, KnownK6Run.nearestRank(window, 0.95) / 1000 / slo.get(name)[0]);
                }
            }
        }
        return worst;
    }

    private Instant second(long second) {
        return Instant.ofEpochMilli(start + second * 1000);
    }

    private Target panel(String title, String refId) {
        return dashboard.targets().stream()
                .filter(target -> target.panel().path("title").asText().equals(title) && target.refId().equals(refId))
                .findFirst().orElseThrow(() -> new AssertionError("no panel " + title + " / " + refId));
    }

    /** Grafana's substitution for this run: its testid, every runner and name, a range covering the run. */
    private Map<String, String> variables() {
        return variables(TESTID);
    }

    private Map<String, String> variables(String testid) {
        Map<String, String> values = new HashMap<>();
        values.put("datasource", "prometheus");
        values.put("testid", testid);
        values.put("runner", ".*");
        values.put("name", ".*");
        values.put("__rate_interval", "1m");
        values.put("__interval", "5s");
        values.put("__range", ((at.toEpochMilli() - start) / 1000 + 5) + "s");
        return values;
    }

    private List<Sample> evaluate(Target target, Instant time, String testid) {
        return client.query(GrafanaDashboard.substitute(target.expr(), variables(testid)), time);
    }

    private double stat(String title) {
        return stat(title, TESTID);
    }

    private double stat(String title, String testid) {
        return single(panel(title, "A"), at, testid);
    }

    private double single(Target target, Instant time) {
        return single(target, time, TESTID);
    }

    private double single(Target target, Instant time, String testid) {
        List<Sample> samples = evaluate(target, time, testid);
        assertThat(samples).as(target.toString()).hasSize(1);
        return samples.get(0).value();
    }

    private Map<String, Double> byName(Target target, Instant time) {
        return byLabel(target, time, "name");
    }

    private Map<String, Double> byLabel(Target target, Instant time, String label) {
        return byLabel(target, time, label, TESTID);
    }

    private Map<String, Double> byLabel(Target target, Instant time, String label, String testid) {
        return evaluate(target, time, testid).stream().collect(Collectors.toMap(sample -> sample.label(label), Sample::value,
                (a, b) -> {
                    throw new AssertionError("two series for one " + label + " in " + target);
                }, TreeMap::new));
    }

    private static void assertWithinBucketError(String what, double estimateSeconds, double trueMillis) {
        double ratio = estimateSeconds * 1000 / trueMillis;
        System.out.printf(Locale.ROOT, "k6 contract: %-40s %8.2f ms from Prometheus, %8.2f ms true (ratio %.4f)%n",
                what, estimateSeconds * 1000, trueMillis, ratio);
        assertThat(ratio).as("%s: %.2f ms from Prometheus, %.2f ms true", what, estimateSeconds * 1000, trueMillis)
                .isBetween(1 / BUCKET_FACTOR, BUCKET_FACTOR);
    }

    /** A number derived from one quantile, e.g. a p95 over its threshold: within the quantile's bucket error. */
    private static void assertWithinBucketFactor(String what, double estimate, double truth) {
        System.out.printf(Locale.ROOT, "k6 contract: %-40s %8.4f from Prometheus, %8.4f true (ratio %.4f)%n",
                what, estimate, truth, estimate / truth);
        assertThat(estimate / truth).as("%s: %.4f from Prometheus, %.4f true", what, estimate, truth)
                .isBetween(1 / BUCKET_FACTOR, BUCKET_FACTOR);
    }

    /** The chart's slo.endpoints as shipped: request name to {latencySeconds, objective}. */
    private static Map<String, double[]> chartSloEndpoints() throws IOException {
        Map<String, double[]> slo = new HashMap<>();
        for (JsonNode endpoint : YAML.readTree(ChartRenderer.chartDirectory().resolve("values.yaml").toFile())
                .path("slo").path("endpoints")) {
            slo.put(endpoint.path("method").asText() + " " + endpoint.path("path").asText(), new double[] {
                endpoint.path("latencySeconds").asDouble(), endpoint.path("objective").asDouble()});
        }
        return slo;
    }
}
