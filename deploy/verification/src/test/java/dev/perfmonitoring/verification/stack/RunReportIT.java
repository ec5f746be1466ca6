package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.SloReportQueries.Column;
import dev.perfmonitoring.stack.report.SloReportQueries;
import dev.perfmonitoring.verification.stack.Scripts.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The run report, as a user gets it: {@code deploy/local/run.sh} twice in one work directory, first with demo-api's
 * simulated latency off (the baseline), then with it on against that baseline. The first passes, the second is a
 * REGRESSION (exit code 1); each writes report.html and JUnit XML. Then the recorded data is reopened by a new
 * Prometheus, and the second report is opened in Chromium: no console error, every chart drew its series, and every
 * number equals Prometheus's answer to the query printed under it. {@code perf-stack report} and {@code compare} are
 * run against the same data, with a missing run and an unreachable Prometheus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunReportIT {

    private static final Pattern WINDOW = Pattern.compile("\\(window ([\\d.]+) s ending (\\S+);");
    private static final Pattern ENDPOINT = Pattern.compile(
            "^(GET|POST|PUT|DELETE)\\s+(\\S+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)"
                    + "\\s+(\\w+)$");
    private static final Pattern CLIENT_LINE = Pattern.compile(
            "(?m)^perf-stack\\s+((?:GET|POST|PUT|DELETE) \\S+)\\s+(\\d+)\\s");
    private static final List<String> RECORDING_RULES = List.of(
            "job_method_path:http_requests:rate1m",
            "job_method_path:http_request_duration_seconds:p50_rate1m",
            "job_method_path:http_request_duration_seconds:p95_rate1m",
            "job_method_path:http_request_duration_seconds:p99_rate1m",
            "job_method_path:http_request_duration_seconds:avg_rate1m",
            "job_method_path:slo_latency:ratio_rate1m",
            "job_method_path:slo_latency_p95_under_threshold:bool",
            "slo:latency_threshold:seconds");
    private static final Path SCREENSHOTS = RepositoryRoot.path().resolve("deploy/verification/target/report-screenshots");

    private Path workDir;
    private Run baseline;
    private Run regressed;
    private PrometheusServer recorded;

    @BeforeAll
    void runTwiceThenReopenTheData(@TempDir Path directory) throws Exception {
        workDir = directory;
        StackPorts ports = StackPorts.free();
        baseline = Scripts.runSh(workDir, ports, Map.of("DEMO_API_LATENCY_MODE", "off"), "--duration", "30",
                "--testid", "ci-fast", "--slo-all", "5", "--junit", workDir.resolve("fast.xml").toString());
        regressed = Scripts.runSh(workDir, ports, Map.of(), "--duration", "30", "--testid", "ci-slow", "--slo-all", "5",
                "--baseline", "ci-fast", "--junit", workDir.resolve("slow.xml").toString());
        recorded = PrometheusServer.builder().workDir(workDir.resolve("reopened"))
                .dataDir(workDir.resolve("prometheus-data")).enableFeature("native-histograms").start();
    }

    @AfterAll
    void stopPrometheus() {
        if (recorded != null) {
            recorded.close();
        }
    }

    @Test
    void theBaselineRunPassesAndItsTextReportAgreesWithPrometheus() {
        assertThat(baseline.exitCode()).as(baseline.output()).isZero();
        assertThat(baseline.output()).contains("OVERALL: PASS")
                .contains("report: " + workDir.resolve("reports/ci-fast.html"));
        assertThat(baseline.leftBehind()).as("processes still alive after run.sh ended").isEmpty();

        Matcher window = WINDOW.matcher(baseline.output());
        assertThat(window.find()).as(baseline.output()).isTrue();
        Instant at = Instant.parse(window.group(2));
        Duration length = Duration.ofMillis(Math.round(Double.parseDouble(window.group(1)) * 1000));
        PrometheusClient prometheus = recorded.client();
        assertEveryTargetWasUp(prometheus, at);
        assertEveryRecordingRuleProducedSeries(prometheus, at, length);
        assertReportLinesMatch(baseline.output(), prometheus, at, length);
        assertThat(baseline.output()).as("the runner's client side, sent by remote write in k6's shape")
                .contains("Client side of ci-fast").containsPattern("(?m)^perf-stack\\s+POST /person\\s+\\d+");
        assertThat(baseline.output()).containsPattern("Loadtests_total_overall_requests_made\\S*\\s+\\d+");
        assertThat(serverCalls(baseline.output())).as("demo-api served exactly what the runner sent, the creates of the"
                + " first seconds included").isEqualTo(clientCalls(baseline.output())).containsKey("POST /person");
    }

    @Test
    void aSlowerRunAgainstTheBaselineIsARegressionWithExitCode1() {
        assertThat(regressed.exitCode()).as(regressed.output()).isEqualTo(1);
        assertThat(regressed.output()).contains("against the baseline ci-fast")
                .containsPattern("GET /person/\\{id} p95: [\\d.]+ ms -> [\\d.]+ ms \\(regression\\)")
                .contains("OVERALL: REGRESSION")
                .contains("report: " + workDir.resolve("reports/ci-slow.html"));
        assertThat(regressed.leftBehind()).isEmpty();
    }

    @Test
    void theJunitFilesHoldACasePerEndpointSloAndPerRegressionCheckWithTheNumbers() throws Exception {
        Document fast = xml(workDir.resolve("fast.xml"));
        Document slow = xml(workDir.resolve("slow.xml"));

        assertThat(fast.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(names(fast)).contains("SLO POST /person", "SLO GET /person/{id}", "5xx budget")
                .noneMatch(name -> name.startsWith("regression"));
        assertThat(names(slow)).contains("SLO POST /person", "5xx budget",
                "regression GET /person/{id} p95 vs ci-fast", "regression GET /person/{id} p99 vs ci-fast",
                "regression GET /person/{id} 5xx share vs ci-fast");
        List<String> failures = failureMessages(slow);
        assertThat(failures).isNotEmpty().anyMatch(message -> message.matches(
                "GET /person/\\{id} p95: [\\d.]+ ms -> [\\d.]+ ms \\(regression\\): p95 or p99 worse by more than 10 % and"
                        + " more than 5 ms.*"));
        assertThat(Integer.parseInt(slow.getDocumentElement().getAttribute("failures"))).isEqualTo(failures.size());
    }

    @Test
    void theReportOpensInChromiumEveryChartDrawnEveryNumberAsPrometheusAnswersItsQuery() throws Exception {
        Path html = workDir.resolve("reports/ci-slow.html");
        assertThat(Files.size(html)).as("bytes of the report").isLessThan(1_000_000);
        String page = Files.readString(html);
        assertThat(page).as("self-contained: no fetch at view time").doesNotContain("src=\"http")
                .doesNotContain("href=\"http").contains("uPlot");

        try (ReportPage report = ReportPage.open(html, workDir.resolve("chromium-profile"))) {
            report.screenshot(SCREENSHOTS.resolve("run-report-against-baseline.png"));
            System.out.printf("report %s: %d bytes, loaded in Chromium in %d ms%n", html, Files.size(html),
                    report.loadMillis());
            assertThat(report.consoleErrors()).as("console errors").isEmpty();
            assertThat(report.text("#verdict")).isEqualTo("REGRESSION");
            assertThat(report.text("#testid")).isEqualTo("ci-slow");
            assertThat(report.text("#baseline")).isEqualTo("ci-fast");

            Map<String, Map<String, Long>> drawn = report.drawnPoints();
            assertThat(report.plotIds()).contains("latency-post-person", "request-rate", "concurrency", "cpu",
                    "memory", "exporter");
            for (String plot : report.plotIds()) {
                assertThat(drawn.get(plot)).as("series drawn on %s", plot).isNotEmpty();
                assertThat(drawn.get(plot).values()).as("points of the series of %s", plot).anyMatch(points -> points > 1);
            }
            assertThat(drawn.get("latency-get-person-id")).as("both runs and the client side on the latency chart")
                    .containsKeys("server p95", "server p95 (baseline)", "client p95 (load generator)");

            List<WebElement> numbers = report.numbers();
            assertThat(numbers).hasSizeGreaterThan(40);
            PrometheusClient prometheus = recorded.client();
            for (WebElement number : numbers) {
                String promql = number.getAttribute("data-promql");
                Instant at = Instant.ofEpochMilli(Math.round(Double.parseDouble(number.getAttribute("data-at")) * 1000));
                List<Sample> answer = prometheus.query(promql, at);
                String shown = number.getAttribute("data-value");
                if (shown.isEmpty()) {
                    assertThat(answer).as("%s at %s: shown as absent (no traffic)", promql, at)
                            .allMatch(sample -> Double.isNaN(sample.value()));
                    continue;
                }
                assertThat(answer).as("%s at %s", promql, at).hasSize(1);
                assertThat(answer.get(0).value()).as("%s at %s", promql, at)
                        .isCloseTo(Double.parseDouble(shown), within(1e-9 + Math.abs(answer.get(0).value()) * 1e-9));
                assertThat(number.getText()).as("text of %s", promql)
                        .isEqualTo(formatted(answer.get(0).value(), number.getAttribute("data-unit")));
            }
        }
    }

    @Test
    void reportFindsARunByItsTestidAndCompareJudgesTwoRuns() throws Exception {
        String url = recorded.url();
        Path out = workDir.resolve("by-testid.html");
        Run report = Scripts.perfStack(workDir.resolve("report.out"), "report", "--prometheus-url", url,
                "--testid", "ci-fast", "--out", out.toString());
        Run compare = Scripts.perfStack(workDir.resolve("compare.out"), "compare", "ci-fast", "ci-slow",
                "--prometheus-url", url, "--out", workDir.resolve("compare.html").toString());
        Run same = Scripts.perfStack(workDir.resolve("same.out"), "compare", "ci-fast", "ci-fast",
                "--prometheus-url", url, "--out", workDir.resolve("same.html").toString());

        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.output()).contains("SLO report of ci-fast").contains("OVERALL: PASS");
        assertThat(serverCalls(report.output())).as("the run found by its testid: demo-api's calls as the run counted them")
                .isEqualTo(serverCalls(baseline.output()));
        assertThat(out).isRegularFile();
        assertThat(compare.exitCode()).as(compare.output()).isEqualTo(1);
        assertThat(compare.output()).contains("OVERALL: REGRESSION");
        assertThat(same.exitCode()).as(same.output()).isZero();
        assertThat(same.output()).contains("OVERALL: PASS").doesNotContain("(regression)");
    }

    @Test
    void aMissingRunOrBaselineIsBadUsageAndWritesNoFile() throws Exception {
        Path out = workDir.resolve("missing.html");
        Run missing = Scripts.perfStack(workDir.resolve("missing.out"), "report", "--prometheus-url", recorded.url(),
                "--testid", "no-such-run", "--out", out.toString());
        Run missingBaseline = Scripts.perfStack(workDir.resolve("missing-baseline.out"), "compare", "no-such-run",
                "ci-slow", "--prometheus-url", recorded.url(), "--out", out.toString());

        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("--testid no-such-run: Prometheus at " + recorded.url()
                + " holds no run with that testid").doesNotContain("\tat ");
        assertThat(missingBaseline.exitCode()).as(missingBaseline.output()).isEqualTo(2);
        assertThat(missingBaseline.output()).contains("BASE no-such-run: Prometheus at");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnreachablePrometheusExitsWith3AndWritesNoFile() throws Exception {
        Path out = workDir.resolve("unreachable.html");
        String nowhere = "http://127.0.0.1:" + LoopbackPorts.free();
        Run unreachable = Scripts.perfStack(workDir.resolve("unreachable.out"), "report", "--prometheus-url", nowhere,
                "--testid", "ci-fast", "--out", out.toString());

        assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(3);
        assertThat(unreachable.output()).contains("no Prometheus answers at " + nowhere).doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBaselineThePrometheusDoesNotHoldEndsRunShWithExitCode2BeforeTheLoad() throws Exception {
        Run run = Scripts.runSh(workDir, StackPorts.free(), Map.of(), "--duration", "5", "--baseline", "no-such-run");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("--baseline no-such-run: Prometheus holds no run with that testid")
                .doesNotContain("load-runner:").doesNotContain("\tat ");
        assertThat(run.leftBehind()).isEmpty();
    }

    /** The calls of each endpoint with traffic in a text report's SLO table. */
    private static Map<String, Long> serverCalls(String output) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : output.lines().toList()) {
            Matcher endpoint = ENDPOINT.matcher(line.strip());
            if (endpoint.matches() && Long.parseLong(endpoint.group(3)) > 0) {
                calls.put(endpoint.group(1) + " " + endpoint.group(2), Long.parseLong(endpoint.group(3)));
            }
        }
        return calls;
    }

    /** The requests the runner counted, by request name, in a text report's client-side table. */
    private static Map<String, Long> clientCalls(String output) {
        Map<String, Long> calls = new HashMap<>();
        Matcher line = CLIENT_LINE.matcher(output);
        while (line.find()) {
            calls.put(line.group(1), Long.parseLong(line.group(2)));
        }
        return calls;
    }

    /** The page's own formatting of a number (HtmlReport's), so the text shown is checked too. */
    private static String formatted(double value, String unit) {
        return switch (unit) {
            case "count" -> String.format(Locale.ROOT, "%,.0f", value);
            case "ratio" -> String.format(Locale.ROOT, "%.3f %%", value * 100);
            case "seconds" -> String.format(Locale.ROOT, "%.1f ms", value * 1000);
            default -> String.format(Locale.ROOT, "%.2f req/s", value);
        };
    }

    private void assertEveryTargetWasUp(PrometheusClient prometheus, Instant at) {
        Map<String, Double> up = new HashMap<>();
        prometheus.query("min by (job) (min_over_time(up[20s]))", at)
                .forEach(sample -> up.put(sample.label("job"), sample.value()));
        assertThat(up).containsOnlyKeys("demo-api", "exporter-service", "exposer-service", "pushgateway");
        assertThat(up.values()).containsOnly(1.0);
    }

    private void assertEveryRecordingRuleProducedSeries(PrometheusClient prometheus, Instant at, Duration window) {
        for (String rule : RECORDING_RULES) {
            assertThat(prometheus.query("count(count_over_time(" + rule + "[" + window.toSeconds() + "s]))", at))
                    .as("series of " + rule).isNotEmpty();
        }
    }

    /** Every number the text report printed is what the same query returns from the data the run recorded. */
    private void assertReportLinesMatch(String output, PrometheusClient prometheus, Instant at, Duration window) {
        Map<Column, Map<String, Double>> columns = new HashMap<>();
        new SloReportQueries(prometheus, "demo-api").queries(window).forEach((column, promql) -> {
            Map<String, Double> byEndpoint = new HashMap<>();
            prometheus.query(promql, at).forEach(sample ->
                    byEndpoint.put(sample.label("method") + " " + sample.label("path"), sample.value()));
            columns.put(column, byEndpoint);
        });
        int lines = 0;
        for (String line : output.lines().toList()) {
            Matcher endpoint = ENDPOINT.matcher(line.strip());
            if (!endpoint.matches()) {
                continue;
            }
            lines++;
            String key = endpoint.group(1) + " " + endpoint.group(2);
            assertThat(Double.parseDouble(endpoint.group(3))).as("calls of " + key)
                    .isCloseTo(columns.get(Column.CALLS).getOrDefault(key, 0.0), within(0.5));
            assertMillis(endpoint.group(5), columns.get(Column.P50).get(key), "p50 of " + key);
            assertMillis(endpoint.group(6), columns.get(Column.P95).get(key), "p95 of " + key);
            assertMillis(endpoint.group(7), columns.get(Column.P99).get(key), "p99 of " + key);
            assertMillis(endpoint.group(8), columns.get(Column.WORST_MINUTE_P95).get(key), "worst 1m p95 of " + key);
            assertMillis(endpoint.group(9), columns.get(Column.THRESHOLD).get(key), "threshold of " + key);
            Double p95 = columns.get(Column.P95).get(key);
            Double threshold = columns.get(Column.THRESHOLD).get(key);
            if (threshold != null && p95 != null && !p95.isNaN()) {
                assertThat(endpoint.group(10)).as("verdict of " + key).isEqualTo(p95 <= threshold ? "PASS" : "FAIL");
            }
        }
        assertThat(lines).as("endpoint lines in\n" + output).isGreaterThanOrEqualTo(5);
    }

    private static void assertMillis(String printed, Double seconds, String what) {
        if (seconds == null || seconds.isNaN()) {
            assertThat(printed).as(what).isEqualTo("-");
        } else {
            assertThat(Double.parseDouble(printed)).as(what).isCloseTo(seconds * 1000, within(0.051));
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> names(Document junit) {
        List<String> names = new ArrayList<>();
        NodeList cases = junit.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static List<String> failureMessages(Document junit) {
        List<String> messages = new ArrayList<>();
        NodeList failures = junit.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            messages.add(((Element) failures.item(i)).getAttribute("message"));
        }
        return messages;
    }
}
