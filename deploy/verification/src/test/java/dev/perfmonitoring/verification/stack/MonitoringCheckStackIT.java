package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.local.LocalStack;
import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.local.StackSettings;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.process.ScrapeJob;
import dev.perfmonitoring.verification.chart.MonitoringCheckHook;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's helm test monitoring check ({@code files/tests/check-monitoring.py}, exactly as the test ConfigMap
 * ships it, run with the command, {@code checks.json} and environment of the hook pod) against real Prometheus
 * servers: the one-machine stack's Pushgateway and services as targets, and Prometheus processes shaped like the one
 * kube-prometheus-stack's operator runs for this release (one {@code serviceMonitor/<namespace>/<name>/0} job per
 * ServiceMonitor, its targets labelled {@code job}, {@code namespace}, {@code service} as the operator's relabelling
 * labels them, the rendered PrometheusRule's groups as rule file) or broken the ways an install breaks silently: a
 * Prometheus that selects nothing of the release (another release label), the remote-write receiver off, a target
 * down, native histograms off while k6 sends them. Grafana is a stand-in answering like Grafana's HTTP API
 * ({@code GET /api/dashboards/uid/<uid>}: 200 with the dashboard, 404 "Dashboard not found", 401 without valid
 * credentials), since no Grafana runs here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringCheckStackIT {

    /** How long a check that must pass may wait for the first scrapes; failing checks give up after FAILING. */
    private static final int PASSING_SECONDS = 60;
    private static final int FAILING_SECONDS = 4;

    private StackPorts ports;
    private LocalStack stack;
    private final List<PrometheusServer> prometheusServers = new ArrayList<>();

    @BeforeAll
    void startTheOneMachineStack(@TempDir Path workDir) throws IOException {
        ports = StackPorts.free();
        PrintStream log = new PrintStream(Files.newOutputStream(workDir.resolve("stack.log")), true,
                StandardCharsets.UTF_8);
        stack = LocalStack.prepare(StackSettings.defaults(RepositoryRoot.path(), workDir, ports), log);
        stack.requireStartable();
        stack.start();
    }

    @AfterAll
    void stopEverything() {
        prometheusServers.forEach(PrometheusServer::close);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void passesWhenPrometheusScrapesEveryTargetLoadedEveryGroupAndReceivesRemoteWrite(@TempDir Path dir) {
        PrometheusServer prometheus = start(operatorShaped(UnaryOperator.identity()).ruleFile(stack.ruleFile()));

        MonitoringCheckHook.Result result = check(dir, prometheus, PASSING_SECONDS, Map.of());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output())
                .contains("ok   targets: 4 targets up for 4 ServiceMonitors (jobs demo-api, exporter-service, "
                        + "exposer-service, pushgateway)")
                .contains("ok   rules: 5 rule groups of PrometheusRule perf/perf-monitoring loaded")
                .contains("ok   remote write: remote-write receiver answers at " + prometheus.url() + "/api/v1/write")
                .doesNotContain("FAIL");
    }

    @Test
    void namesTheReleaseLabelWhenPrometheusSelectsNothingOfTheRelease(@TempDir Path dir) {
        // What the Prometheus of a kube-prometheus-stack release with another name shows: its own jobs and rules only.
        PrometheusServer prometheus = start(PrometheusServer.builder()
                .scrapeJob(ScrapeJob.of("serviceMonitor/monitoring/prom-kube-prometheus-stack-prometheus/0", "/metrics",
                        "127.0.0.1:" + ports.prometheus())));

        MonitoringCheckHook.Result result = check(dir, prometheus, FAILING_SECONDS, Map.of());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.output())
                .contains("FAIL targets: Prometheus at " + prometheus.url() + " does not scrape ServiceMonitor "
                        + "perf/perf-monitoring-demo-api (job demo-api)")
                .contains("set monitoring.releaseLabel to the name of your kube-prometheus-stack release "
                        + "(now \"kube-prometheus-stack\")")
                .contains("FAIL rules: Prometheus at " + prometheus.url() + " has not loaded rule groups "
                        + "perf-monitoring-availability, perf-monitoring-http, perf-monitoring-load-test-data, "
                        + "perf-monitoring-slo-alerts, perf-monitoring-slo of PrometheusRule perf/perf-monitoring")
                .contains("ok   remote write")
                .contains("2 of 3 checks failed");
    }

    @Test
    void namesTheRemoteWriteReceiverWhenItIsOff(@TempDir Path dir) {
        PrometheusServer prometheus = start(operatorShaped(UnaryOperator.identity()).ruleFile(stack.ruleFile())
                .remoteWriteReceiver(false));
        awaitEveryTargetScraped(prometheus);

        MonitoringCheckHook.Result result = check(dir, prometheus, FAILING_SECONDS, Map.of());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.output())
                .contains("FAIL remote write: the remote-write receiver is off: " + prometheus.url()
                        + "/api/v1/write answers 404, so k6's results would be dropped; set "
                        + "prometheus.prometheusSpec.enableRemoteWriteReceiver=true in kube-prometheus-stack's values")
                .contains("ok   targets: 4 targets up")
                .contains("ok   rules: 5 rule groups")
                .contains("1 of 3 checks failed");
    }

    @Test
    void namesATargetThatIsDownWithItsScrapeError(@TempDir Path dir) {
        int nothingListens = LoopbackPorts.free();
        PrometheusServer prometheus = start(operatorShaped(job -> job.labels().get("job").equals("pushgateway")
                ? new ScrapeJob(job.jobName(), job.metricsPath(), job.honorLabels(),
                        List.of("127.0.0.1:" + nothingListens), job.labels())
                : job).ruleFile(stack.ruleFile()));
        awaitEveryTargetScraped(prometheus);

        MonitoringCheckHook.Result result = check(dir, prometheus, FAILING_SECONDS, Map.of());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.output())
                .contains("FAIL targets: target http://127.0.0.1:" + nothingListens + "/metrics of ServiceMonitor "
                        + "perf/perf-monitoring-pushgateway (job pushgateway) is down: ")
                .contains("connection refused")
                .contains("ok   rules")
                .contains("ok   remote write");
    }

    @Test
    void checksNativeHistogramsOnlyWhenK6SendsThemAndNamesTheFeatureFlag(@TempDir Path dir) {
        Map<String, Object> nativeK6 = Map.of("k6.extraEnv[0].name", "K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM",
                "k6.extraEnv[0].value", "true");
        PrometheusServer without = start(operatorShaped(UnaryOperator.identity()).ruleFile(stack.ruleFile()));
        PrometheusServer with = start(operatorShaped(UnaryOperator.identity()).ruleFile(stack.ruleFile())
                .enableFeature("native-histograms"));

        awaitEveryTargetScraped(without);

        MonitoringCheckHook.Result rejected = check(dir.resolve("without"), without, FAILING_SECONDS, nativeK6);
        MonitoringCheckHook.Result accepted = check(dir.resolve("with"), with, PASSING_SECONDS, nativeK6);
        MonitoringCheckHook.Result notAsked = check(dir.resolve("not-asked"), without, PASSING_SECONDS, Map.of());

        assertThat(rejected.exitCode()).as("%s", rejected).isEqualTo(1);
        assertThat(rejected.output()).contains("FAIL native histograms: Prometheus 2.")
                .contains("runs without --enable-feature=native-histograms")
                .contains("set prometheus.prometheusSpec.enableFeatures=[native-histograms] in kube-prometheus-stack's "
                        + "values, or drop that variable from k6.extraEnv");
        assertThat(accepted.exitCode()).as("%s", accepted).isZero();
        assertThat(accepted.output()).contains("ok   native histograms: Prometheus 2.")
                .contains("runs with --enable-feature=native-histograms");
        assertThat(notAsked.exitCode()).as("%s", notAsked).isZero();
        assertThat(notAsked.output()).doesNotContain("native histograms");
    }

    @Test
    void namesAnUnreachablePrometheusAndTheValuesThatPointAtIt(@TempDir Path dir) {
        String nowhere = "http://127.0.0.1:" + LoopbackPorts.free();
        MonitoringCheckHook hook = MonitoringCheckHook.render(dir.resolve("chart"), Map.of(
                "monitoring.test.prometheusUrl", nowhere, "k6.remoteWrite.enabled", false,
                "monitoring.test.timeoutSeconds", FAILING_SECONDS, "monitoring.test.intervalSeconds", 1));

        MonitoringCheckHook.Result result = hook.run(dir, Map.of());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.output()).contains("FAIL targets: no Prometheus answers at " + nowhere)
                .contains("set monitoring.test.prometheusUrl to your Prometheus, or monitoring.stack.prometheusService "
                        + "and monitoring.stack.namespace to kube-prometheus-stack's Prometheus Service (now "
                        + "kube-prometheus-stack-prometheus.monitoring;")
                .contains("FAIL rules: no Prometheus answers at " + nowhere);
    }

    @Test
    void checksEveryDashboardUidInGrafanaWithTheCredentialsOfTheConfiguredSecret(@TempDir Path dir) throws IOException {
        PrometheusServer prometheus = start(operatorShaped(UnaryOperator.identity()).ruleFile(stack.ruleFile()));
        Set<String> uids = new HashSet<>();
        for (String dashboard : stack.chart().dashboards().values()) {
            uids.add(new ObjectMapper().readTree(dashboard).path("uid").asText());
        }
        Map<String, Object> grafana = new HashMap<>(Map.of(
                "monitoring.test.grafana.existingSecret", "grafana-admin"));
        HttpServer all = grafanaStandIn(uids);
        HttpServer oneMissing = grafanaStandIn(Set.copyOf(uids.stream()
                .filter(uid -> !uid.equals("perf-monitoring-k6-results")).toList()));
        try {
            grafana.put("monitoring.test.grafana.url", "http://127.0.0.1:" + all.getAddress().getPort());
            MonitoringCheckHook.Result found = check(dir.resolve("found"), prometheus, PASSING_SECONDS, grafana,
                    Map.of("admin-user", "admin", "admin-password", "s3cret"));
            MonitoringCheckHook.Result refused = check(dir.resolve("refused"), prometheus, FAILING_SECONDS, grafana,
                    Map.of("admin-user", "admin", "admin-password", "wrong"));
            grafana.put("monitoring.test.grafana.url", "http://127.0.0.1:" + oneMissing.getAddress().getPort());
            MonitoringCheckHook.Result missing = check(dir.resolve("missing"), prometheus, FAILING_SECONDS, grafana,
                    Map.of("admin-user", "admin", "admin-password", "s3cret"));

            assertThat(uids).hasSize(8);
            assertThat(found.exitCode()).as("%s", found).isZero();
            assertThat(found.output()).contains("ok   dashboards: 8 dashboards in Grafana at http://127.0.0.1:");
            assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
            assertThat(refused.output()).contains("refused the dashboard API (401): set "
                    + "monitoring.test.grafana.existingSecret to a Secret in namespace perf");
            assertThat(missing.exitCode()).as("%s", missing).isEqualTo(1);
            assertThat(missing.output()).contains("FAIL dashboards: dashboard perf-monitoring-k6-results "
                    + "(k6-results.json) is not in Grafana at http://127.0.0.1:" + oneMissing.getAddress().getPort()
                    + ": its sidecar did not load ConfigMap perf/perf-monitoring-dashboard-k6-results; it loads "
                    + "ConfigMaps labelled grafana_dashboard=1 (monitoring.dashboards.label / labelValue");
        } finally {
            all.stop(0);
            oneMissing.stop(0);
        }
    }

    private MonitoringCheckHook.Result check(Path dir, PrometheusServer prometheus, int timeoutSeconds,
            Map<String, Object> values) {
        return check(dir, prometheus, timeoutSeconds, values, Map.of());
    }

    /**
     * Renders the chart with monitoring.test.prometheusUrl pointing at {@code prometheus} (what a user sets for a
     * Prometheus of their own) and runs the hook's check.
     */
    private MonitoringCheckHook.Result check(Path dir, PrometheusServer prometheus, int timeoutSeconds,
            Map<String, Object> values, Map<String, String> secrets) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("monitoring.test.prometheusUrl", prometheus.url());
        all.put("k6.remoteWrite.url", prometheus.url() + "/api/v1/write");
        all.put("monitoring.test.timeoutSeconds", timeoutSeconds);
        all.put("monitoring.test.intervalSeconds", 1);
        return MonitoringCheckHook.render(dir.resolve("chart"), all).run(dir, secrets);
    }

    /**
     * A Prometheus whose scrape configuration has the shape the Prometheus operator gives the chart's ServiceMonitors:
     * per ServiceMonitor endpoint a job {@code serviceMonitor/<namespace>/<name>/<index>} whose targets carry
     * {@code job} (the Service's jobLabel value), {@code namespace} and {@code service}, here static and pointed at
     * the one-machine stack's processes instead of discovered endpoints.
     */
    private PrometheusServer.Builder operatorShaped(UnaryOperator<ScrapeJob> change) {
        RenderedChart chart = stack.chart();
        PrometheusServer.Builder builder = PrometheusServer.builder().scrapeInterval("1s").evaluationInterval("1s");
        for (ServiceMonitor monitor : chart.resources(ServiceMonitor.class)) {
            Service service = chart.resources(Service.class).stream()
                    .filter(candidate -> candidate.getMetadata().getLabels().entrySet()
                            .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                    .findFirst().orElseThrow();
            String job = service.getMetadata().getLabels().get(monitor.getSpec().getJobLabel());
            List<Endpoint> endpoints = monitor.getSpec().getEndpoints();
            for (int i = 0; i < endpoints.size(); i++) {
                ScrapeJob scrapeJob = new ScrapeJob(
                        "serviceMonitor/" + monitor.getMetadata().getNamespace() + "/" + monitor.getMetadata().getName()
                                + "/" + i,
                        endpoints.get(i).getPath(), Boolean.TRUE.equals(endpoints.get(i).getHonorLabels()),
                        List.of("127.0.0.1:" + ports.of(job)),
                        Map.of("job", job, "namespace", ChartRenderer.DEFAULT_NAMESPACE,
                                "service", service.getMetadata().getName()));
                builder.scrapeJob(change.apply(scrapeJob));
            }
        }
        return builder;
    }

    /** Waits until Prometheus has scraped every target once, so that a check that must fail fails for its cause. */
    private static void awaitEveryTargetScraped(PrometheusServer prometheus) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (prometheus.client().targets().isEmpty()
                || prometheus.client().targets().stream().anyMatch(target -> target.health().equals("unknown"))) {
            assertThat(Instant.now()).as("every target of %s scraped once", prometheus.url()).isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private PrometheusServer start(PrometheusServer.Builder builder) {
        PrometheusServer prometheus = builder.start();
        prometheusServers.add(prometheus);
        return prometheus;
    }

    /** Answers {@code GET /api/dashboards/uid/<uid>} as Grafana does, for user admin with password s3cret. */
    private static HttpServer grafanaStandIn(Set<String> dashboardUids) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String credentials = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
        server.createContext("/api/dashboards/uid/", exchange -> {
            String uid = exchange.getRequestURI().getPath().substring("/api/dashboards/uid/".length());
            if (!credentials.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"message\":\"Unauthorized\"}");
            } else if (dashboardUids.contains(uid)) {
                respond(exchange, 200, "{\"dashboard\":{\"uid\":\"" + uid + "\"},\"meta\":{\"slug\":\"" + uid + "\"}}");
            } else {
                respond(exchange, 404, "{\"message\":\"Dashboard not found\"}");
            }
        });
        server.start();
        return server;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
