package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.LocalServer;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.stack.process.QuarkusAppServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole flow on one machine, as plain local processes on loopback: a Pushgateway; demo-api, exporter-service and
 * exposer-service as built; a Prometheus that loads the chart's rule groups (the rendered PrometheusRule's
 * {@code .spec}), scrapes like the chart's ServiceMonitors and receives remote write; and Grafana with the chart's
 * dashboards when a Grafana server is installed. {@link #close()} stops everything it started, newest first.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackSettings.defaults(repo, workDir, StackPorts.free()), System.out)) {
 *     stack.prometheus().query("job_method_path:http_requests:rate1m");
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<LocalServer> started = new ArrayDeque<>();
    private final StackSettings settings;
    private final RenderedChart chart;
    private final Path ruleFile;
    private final PrintStream log;
    private PrometheusServer prometheus;

    private LocalStack(StackSettings settings, RenderedChart chart, Path ruleFile, PrintStream log) {
        this.settings = settings;
        this.chart = chart;
        this.ruleFile = ruleFile;
        this.log = log;
    }

    /**
     * Renders the chart, starts every process and waits until every Prometheus target is up.
     *
     * @throws IllegalStateException naming the process (with its log) that did not start; whatever had started is
     *                               stopped again
     */
    public static LocalStack start(StackSettings settings, PrintStream log) {
        ChartRenderer renderer = ChartRenderer.chart(settings.repository().resolve("helm/perf-monitoring"));
        settings.valuesFiles().forEach(renderer::valuesFile);
        settings.chartValues().forEach(renderer::set);
        RenderedChart chart = renderer.render();
        Path ruleFile = chart.writeRuleFile(settings.workDir().resolve("rules/perf-monitoring.rules.yml"));
        LocalStack stack = new LocalStack(settings, chart, ruleFile, log);
        try {
            stack.startProcesses();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startProcesses() {
        StackPorts ports = settings.ports();
        Path workDir = settings.workDir();
        add(PushgatewayServer.startOn(ports.pushgateway(), workDir));
        startService("demo-api", ports.demoApi(), Map.of());
        startService("exporter-service", ports.exporter(),
                Map.of("PUSH_GATEWAY_URL", "http://127.0.0.1:" + ports.pushgateway()));
        startService("exposer-service", ports.exposer(), Map.of());
        PrometheusServer.Builder builder = PrometheusServer.builder()
                .port(ports.prometheus())
                .workDir(workDir)
                .scrapeInterval(settings.scrapeInterval())
                .evaluationInterval(settings.scrapeInterval())
                .ruleFile(ruleFile);
        ScrapeJobs.fromChart(chart, ports).forEach(builder::scrapeJob);
        prometheus = builder.start();
        add(prometheus);
        prometheus.awaitTargetsUp(Duration.ofSeconds(60));
        GrafanaServer.startIfInstalled(ports.grafana(), prometheus.url(), chart, workDir).ifPresentOrElse(this::add,
                () -> log.println("stack: grafana           not installed (no grafana/grafana-server on the PATH): import "
                        + "the dashboards from " + GrafanaServer.dashboardsDirectory(chart, workDir)
                        + " into any Grafana with a Prometheus datasource of uid 'prometheus' pointing at "
                        + prometheus.url()));
    }

    private void startService(String name, int port, Map<String, String> wiring) {
        Map<String, String> environment = new HashMap<>(settings.environmentOf(name));
        environment.putAll(wiring);
        Path app = settings.repository().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        add(QuarkusAppServer.start(name, app, port, environment, settings.workDir()));
    }

    private void add(LocalServer server) {
        started.push(server);
        log.printf("stack: %-17s %s (log: %s)%n", server.name(), server.url(), server.logFile());
    }

    /** The running Prometheus, for queries. */
    public PrometheusServer prometheus() {
        return prometheus;
    }

    /** The chart as rendered for this stack (dashboards, rules, ServiceMonitors). */
    public RenderedChart chart() {
        return chart;
    }

    /** The rule file Prometheus loaded (the PrometheusRule's {@code .spec}). */
    public Path ruleFile() {
        return ruleFile;
    }

    /** The base URL of a started process: pushgateway, demo-api, exporter-service, exposer-service, prometheus, grafana. */
    public URI url(String name) {
        return find(name).map(server -> URI.create(server.url()))
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " in the stack"));
    }

    public Optional<LocalServer> find(String name) {
        return started.stream().filter(server -> server.name().equals(name)).findFirst();
    }

    /** Stops every process, newest first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
