package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.ClientSideQueries;
import dev.perfmonitoring.stack.report.SloReportQueries;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code deploy/local/run.sh}, end to end: real Pushgateway, services and Prometheus on
 * free loopback ports, a short Person scenario, the SLO report and its exit code. The services are the ones this
 * build packaged ({@code SKIP_BUILD=1}).
 */
class LocalRunScriptIT {

    private static final Pattern WINDOW = Pattern.compile("SLO report \\(window (\\d+)s ending (\\S+);");
    private static final Pattern ENDPOINT = Pattern.compile(
            "^(GET|POST|PUT|DELETE)\\s+(\\S+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)"
                    + "\\s+(\\w+)$");
    private static final Pattern CLIENT_LINE = Pattern.compile(
            "^(\\S+)\\s+((?:GET|POST|PUT|DELETE) \\S+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)"
                    + "\\s+(\\S+)\\s+(\\w+)$");
    private static final List<String> RECORDING_RULES = List.of(
            "job_method_path:http_requests:rate1m",
            "job_method_path:http_request_duration_seconds:p50_rate1m",
            "job_method_path:http_request_duration_seconds:p95_rate1m",
            "job_method_path:http_request_duration_seconds:p99_rate1m",
            "job_method_path:http_request_duration_seconds:avg_rate1m",
            "job_method_path:slo_latency:ratio_rate1m",
            "job_method_path:slo_latency_p95_under_threshold:bool",
            "slo:latency_threshold:seconds");

    private final Path repository = RepositoryRoot.path();

    @Test
    void generousSlosPassAndTheReportAgreesWithPrometheus(@TempDir Path workDir) throws Exception {
        StackPorts ports = StackPorts.free();
        Run run = runScript(workDir, ports, "--duration", "40", "--testid", "ci-generous", "--slo-all", "5");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("OVERALL: PASS").contains("requests");
        assertThat(run.leftBehind()).as("processes still alive after run.sh ended").isEmpty();

        Matcher window = WINDOW.matcher(run.output());
        assertThat(window.find()).as(run.output()).isTrue();
        Instant at = Instant.parse(window.group(2));
        Duration length = Duration.ofSeconds(Long.parseLong(window.group(1)));
        try (PrometheusServer recorded = PrometheusServer.builder()
                .workDir(workDir.resolve("reopened"))
                .dataDir(onlyDataDirectory(workDir))
                .start()) {
            PrometheusClient prometheus = recorded.client();
            assertEveryTargetWasUp(prometheus, at);
            assertEveryRecordingRuleProducedSeries(prometheus, at, length);
            assertReportLinesMatch(run.output(), prometheus, at, length);
            assertClientSideLinesMatch(run.output(), prometheus, at, length, "ci-generous");
            assertThat(run.output()).containsPattern("Loadtests_total_overall_requests_made\\S*\\s+\\d+");
        }
    }

    @Test
    void anImpossibleSloFailsTheRunWithExitCode1(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), "--duration", "15", "--testid", "ci-impossible",
                "--slo-all", "0.005");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("OVERALL: FAIL").containsPattern("(?m)\\s+FAIL$");
        assertThat(run.leftBehind()).isEmpty();
    }

    @Test
    void keepRunningServesUntilCtrlCThenStopsEverything(@TempDir Path workDir) throws Exception {
        StackPorts ports = StackPorts.free();
        RunningScript script = startScript(workDir, ports, "--duration", "5", "--keep-running", "--slo-all", "5");

        script.awaitOutput("press Ctrl-C to stop it", Duration.ofMinutes(3));
        PrometheusClient prometheus = new PrometheusClient(URI.create("http://127.0.0.1:" + ports.prometheus()));
        assertThat(prometheus.query("up == 1")).as("targets up while it keeps running").hasSize(4);
        script.interrupt();
        Run run = script.awaitExit();

        assertThat(run.output()).contains("OVERALL: PASS");
        assertThat(run.leftBehind()).as("processes still alive after Ctrl-C").isEmpty();
    }

    @Test
    void badUsageExitsWith2NamingTheOptionAndStartsNothing(@TempDir Path workDir) throws Exception {
        List<List<String>> badUsages = List.of(
                List.of("--rate", "fast"),
                List.of("--duration", "1.5"),
                List.of("--testid", "a b"),
                List.of("--slo", "GET /person/{id}"),
                List.of("--slo", "GET /person/{id}=0.33"),
                List.of("--slo", "GET /nowhere=0.2"),
                List.of("--values", "no-such-values.yaml"),
                List.of("--bogus"));
        List<String> named = List.of("'--rate'", "'--duration'", "'--testid'", "'--slo'",
                "not one of demo-api's histogram buckets", "no SLO endpoint [GET /nowhere]", "'--values'", "'--bogus'");
        for (int i = 0; i < badUsages.size(); i++) {
            Path dir = Files.createDirectories(workDir.resolve("bad-" + i));
            Run run = runScript(dir, StackPorts.free(), badUsages.get(i).toArray(String[]::new));

            assertThat(run.exitCode()).as("%s:%n%s", badUsages.get(i), run.output()).isEqualTo(2);
            assertThat(run.output()).as("%s", badUsages.get(i)).contains(named.get(i))
                    .contains("see: perf-stack run --help").doesNotContain("\tat ");
            assertNothingStarted(dir, run);
        }
    }

    @Test
    void aBadPortVariableIsBadUsage(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), Map.of("PROMETHEUS_PORT", "ninety"), "--duration", "5");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("PROMETHEUS_PORT must be a port number (1-65535), got 'ninety'");
        assertNothingStarted(workDir, run);
    }

    @Test
    void aTakenPortExitsWith3NamingThePortAndItsProcessBeforeAnythingStarts(@TempDir Path workDir) throws Exception {
        StackPorts ports = StackPorts.free();
        try (ServerSocket taken = new ServerSocket(ports.prometheus(), 1, InetAddress.getLoopbackAddress())) {
            Run run = runScript(workDir, ports, "--duration", "5");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.output())
                    .contains("port " + ports.prometheus() + " for prometheus is already in use by pid "
                            + ProcessHandle.current().pid() + " (")
                    .contains("PROMETHEUS_PORT=<port>")
                    .doesNotContain("\tat ");
            assertNothingStarted(workDir, run);
        }
    }

    @Test
    void aMissingPrometheusExitsWith3NamingWhatToInstall(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), Map.of("PROMETHEUS_BIN", workDir.resolve("no-prometheus")
                .toString()), "--duration", "5");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("PROMETHEUS_BIN=" + workDir.resolve("no-prometheus")
                + " is not an executable file").doesNotContain("\tat ");
        assertNothingStarted(workDir, run);
    }

    /** No server ran: none wrote a log into the work directory, and no process is left. */
    private static void assertNothingStarted(Path workDir, Run run) throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".log")))
                    .as("logs of started servers").isEmpty();
        }
        assertThat(run.leftBehind()).isEmpty();
    }

    private void assertEveryTargetWasUp(PrometheusClient prometheus, Instant at) throws Exception {
        Map<String, Double> up = new HashMap<>();
        prometheus.query("min by (job) (min_over_time(up[30s]))", at)
                .forEach(sample -> up.put(sample.label("job"), sample.value()));
        assertThat(up).containsOnlyKeys("demo-api", "exporter-service", "exposer-service", "pushgateway");
        assertThat(up.values()).containsOnly(1.0);
    }

    private void assertEveryRecordingRuleProducedSeries(PrometheusClient prometheus, Instant at, Duration window)
            throws Exception {
        for (String rule : RECORDING_RULES) {
            assertThat(prometheus.query("count(count_over_time(" + rule + "[" + window.toSeconds() + "s]))", at))
                    .as("series of " + rule).isNotEmpty();
        }
    }

    /** Every number the report printed is what the same query returns from the data the run recorded. */
    private void assertReportLinesMatch(String output, PrometheusClient prometheus, Instant at, Duration window)
            throws Exception {
        Map<String, String> queries = new SloReportQueries(prometheus, "demo-api").queries(window);
        Map<String, Map<String, Double>> columns = new HashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Map<String, Double> byEndpoint = new HashMap<>();
            prometheus.query(query.getValue(), at).forEach(sample ->
                    byEndpoint.put(sample.label("method") + " " + sample.label("path"), sample.value()));
            columns.put(query.getKey(), byEndpoint);
        }
        int lines = 0;
        for (String line : output.lines().toList()) {
            Matcher endpoint = ENDPOINT.matcher(line.strip());
            if (!endpoint.matches()) {
                continue;
            }
            lines++;
            String key = endpoint.group(1) + " " + endpoint.group(2);
            assertThat(Double.parseDouble(endpoint.group(3))).as("calls of " + key)
                    .isCloseTo(columns.get("calls").getOrDefault(key, 0.0), within(0.5));
            assertMillis(endpoint.group(5), columns.get("p50").get(key), "p50 of " + key);
            assertMillis(endpoint.group(6), columns.get("p95").get(key), "p95 of " + key);
            assertMillis(endpoint.group(7), columns.get("p99").get(key), "p99 of " + key);
            assertMillis(endpoint.group(8), columns.get("worstMinuteP95").get(key), "worst 1m p95 of " + key);
            assertMillis(endpoint.group(9), columns.get("threshold").get(key), "threshold of " + key);
            Double p95 = columns.get("p95").get(key);
            Double threshold = columns.get("threshold").get(key);
            if (threshold != null && p95 != null && !p95.isNaN()) {
                assertThat(endpoint.group(10)).as("verdict of " + key).isEqualTo(p95 <= threshold ? "PASS" : "FAIL");
            }
        }
        assertThat(lines).as("endpoint lines in\n" + output).isGreaterThanOrEqualTo(5);
    }

    /**
     * The run's client side: the runner sent its view by remote write (k6's metric names, runner="perf-stack"), and
     * every number of the client-side table is what the same query returns from the recorded data.
     */
    private void assertClientSideLinesMatch(String output, PrometheusClient prometheus, Instant at, Duration window,
            String testid) {
        Map<String, Map<String, Double>> columns = new HashMap<>();
        for (Map.Entry<String, String> query : new ClientSideQueries(prometheus).queries(window, testid).entrySet()) {
            Map<String, Double> byName = new HashMap<>();
            prometheus.query(query.getValue(), at).forEach(sample -> byName.put(sample.label("name"), sample.value()));
            columns.put(query.getKey(), byName);
        }
        int lines = 0;
        for (String line : output.lines().toList()) {
            Matcher client = CLIENT_LINE.matcher(line.strip());
            if (!client.matches()) {
                continue;
            }
            lines++;
            String name = client.group(2);
            assertThat(client.group(1)).isEqualTo("perf-stack");
            double calls = columns.get("calls").get(name);
            assertThat(Double.parseDouble(client.group(3))).as("client calls of " + name).isCloseTo(calls, within(0.5));
            assertThat(Double.parseDouble(client.group(4))).as("client failed % of " + name).isCloseTo(
                    100 * columns.get("failed").getOrDefault(name, 0.0) / calls, within(0.0006));
            Double lastPush = columns.get("lastPush").get(name);
            Double p95 = lastPush == null ? null : prometheus.query(ClientSideQueries.quantileQuery("0.95", testid,
                    "perf-stack", name, lastPush), at).stream().map(PrometheusClient.Sample::value).findFirst()
                    .orElse(null);
            assertMillis(client.group(6), p95, "client p95 of " + name);
            assertMillis(client.group(9), columns.get("threshold").get(name), "SLO of " + name);
        }
        assertThat(lines).as("client-side lines in\n" + output).isGreaterThanOrEqualTo(4);
    }

    private static void assertMillis(String printed, Double seconds, String what) {
        if (seconds == null || seconds.isNaN()) {
            assertThat(printed).as(what).isEqualTo("-");
        } else {
            assertThat(Double.parseDouble(printed)).as(what).isCloseTo(seconds * 1000, within(0.051));
        }
    }

    private static Path onlyDataDirectory(Path workDir) throws IOException {
        try (Stream<Path> dirs = Files.list(workDir)) {
            List<Path> data = dirs
                    .filter(dir -> Files.isDirectory(dir) && dir.getFileName().toString().startsWith("prometheus-"))
                    .map(dir -> dir.resolve("data")).toList();
            assertThat(data).hasSize(1);
            return data.get(0);
        }
    }

    private Run runScript(Path workDir, StackPorts ports, String... options) throws Exception {
        return runScript(workDir, ports, Map.of(), options);
    }

    private Run runScript(Path workDir, StackPorts ports, Map<String, String> extraEnvironment, String... options)
            throws Exception {
        return startScript(workDir, ports, extraEnvironment, options).awaitExit();
    }

    private RunningScript startScript(Path workDir, StackPorts ports, String... options) throws IOException {
        return startScript(workDir, ports, Map.of(), options);
    }

    private RunningScript startScript(Path workDir, StackPorts ports, Map<String, String> extraEnvironment,
            String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(repository.resolve("deploy/local/run.sh").toString(),
                "--work-dir", workDir.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("run.out").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SKIP_BUILD", "1");
        environment.put("PUSHGATEWAY_PORT", Integer.toString(ports.pushgateway()));
        environment.put("DEMO_API_PORT", Integer.toString(ports.demoApi()));
        environment.put("EXPORTER_PORT", Integer.toString(ports.exporter()));
        environment.put("EXPOSER_PORT", Integer.toString(ports.exposer()));
        environment.put("PROMETHEUS_PORT", Integer.toString(ports.prometheus()));
        environment.put("GRAFANA_PORT", Integer.toString(ports.grafana()));
        environment.putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new RunningScript(process, workDir.resolve("run.out"));
    }

    /** run.sh while it runs: remembers every process it started, to check afterwards that none is left. */
    private static final class RunningScript {
        private final Process process;
        private final Path output;
        private final Set<ProcessHandle> seen = new HashSet<>();

        RunningScript(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        /** Polls until the output contains {@code text}; fails with the output after {@code timeout}. */
        void awaitOutput(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!output().contains(text)) {
                assertThat(process.isAlive()).as("run.sh still running:\n" + output()).isTrue();
                assertThat(System.nanoTime()).as("'" + text + "' in time:\n" + output()).isLessThan(deadline);
                process.descendants().forEach(seen::add);
                Thread.sleep(500);
            }
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does. */
        void interrupt() throws Exception {
            process.descendants().forEach(seen::add);
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
        }

        Run awaitExit() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!process.waitFor(500, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                process.descendants().forEach(seen::add);
            }
            if (process.isAlive()) {
                seen.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("run.sh did not finish within 5 minutes (killed it):\n" + output());
            }
            return new Run(process.exitValue(), output(), seen.stream().filter(ProcessHandle::isAlive).toList());
        }
    }

    private record Run(int exitCode, String output, List<ProcessHandle> leftBehind) {
    }
}
