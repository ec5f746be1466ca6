package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.Binaries;
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
import java.util.function.Supplier;

/**
 * The whole flow on one machine, as plain local processes on loopback: a Pushgateway; demo-api, exporter-service and
 * exposer-service as built; a Prometheus that loads the chart's rule groups (the rendered PrometheusRule's
 * {@code .spec}), scrapes like the chart's ServiceMonitors and receives remote write; and Grafana with the chart's
 * dashboards when a Grafana server is installed. {@link #close()} stops everything it started, newest first.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.prepare(StackSettings.defaults(repo, workDir, StackPorts.free()), System.out)) {
 *     stack.start();
 *     stack.prometheus().client().query("job_method_path:http_requests:rate1m");
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final String[] SERVICES = {"demo-api", "exporter-service", "exposer-service"};

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
     * Renders the chart with the settings' values and writes the rule file; starts nothing.
     *
     * @throws dev.perfmonitoring.stack.chart.ChartRenderException when the chart does not render with those values
     */
    public static LocalStack prepare(StackSettings settings, PrintStream log) {
        ChartRenderer renderer = ChartRenderer.chart(settings.repository().resolve("helm/perf-monitoring"));
        settings.valuesFiles().forEach(renderer::valuesFile);
        settings.chartValues().forEach(renderer::set);
        RenderedChart chart = renderer.render();
        Path ruleFile = chart.writeRuleFile(settings.workDir().resolve("rules/perf-monitoring.rules.yml"));
        return new LocalStack(settings, chart, ruleFile, log);
    }

    /**
     * Checks what would keep the stack from starting, before anything starts: the Prometheus and Pushgateway binaries
     * and every port.
     *
     * @throws dev.perfmonitoring.stack.process.ServerStartException naming the missing package or the taken port
     */
    public void requireStartable() {
        Binaries.require("PUSHGATEWAY_BIN", "prometheus-pushgateway", "prometheus-pushgateway", "pushgateway");
        Binaries.require("PROMETHEUS_BIN", "prometheus", "prometheus");
        settings.ports().requireFree(GrafanaServer.isInstalled());
    }

    /**
     * Starts every process and waits until every Prometheus target is up.
     *
     * @throws dev.perfmonitoring.stack.process.ServerStartException naming the process (with its log) that did not
     *                                                                start; whatever had started is stopped again
     */
    public void start() {
        startPrometheus();
        startServices();
    }

    /**
     * Starts Prometheus alone, on the work directory's data (earlier runs included), so it can be asked about earlier
     * runs before anything else starts.
     */
    public void startPrometheus() {
        StackPorts ports = settings.ports();
        PrometheusServer.Builder builder = PrometheusServer.builder()
                .port(ports.prometheus())
                .workDir(settings.workDir())
                .dataDir(settings.prometheusData())
                .retention(settings.retention())
                // k6's trends and the load runner's latencies arrive as native histograms by remote write
                .enableFeature("native-histograms")
                .scrapeInterval(settings.scrapeInterval())
                .evaluationInterval(settings.scrapeInterval())
                .ruleFile(ruleFile);
        ScrapeJobs.fromChart(chart, ports).forEach(builder::scrapeJob);
        prometheus = stopAllOnFailure(builder::start);
        add(prometheus);
    }

    /** Starts the Pushgateway, the services and Grafana (when installed), then waits until every target is up. */
    public void startServices() {
        stopAllOnFailure(() -> {
            startOthers();
            return this;
        });
    }

    /** What {@link #start()} would start, one line each, for {@code --dry-run}. */
    public void describePlan(PrintStream out) {
        StackPorts ports = settings.ports();
        out.printf("stack: pushgateway        127.0.0.1:%d%n", ports.pushgateway());
        for (String service : SERVICES) {
            out.printf("stack: %-17s 127.0.0.1:%d (%s)%n", service, ports.of(service), application(service));
        }
        out.printf("stack: prometheus        127.0.0.1:%d, rules %s, %d scrape jobs, data %s (kept %d days)%n",
                ports.prometheus(), ruleFile, ScrapeJobs.fromChart(chart, ports).size(), settings.prometheusData(),
                settings.retention().toDays());
        out.printf("stack: grafana           %s%n", GrafanaServer.isInstalled()
                ? "127.0.0.1:" + ports.grafana() : "not installed");
    }

    private void startOthers() {
        StackPorts ports = settings.ports();
        Path workDir = settings.workDir();
        add(PushgatewayServer.startOn(ports.pushgateway(), workDir));
        startService("demo-api", Map.of());
        startService("exporter-service", Map.of("PUSH_GATEWAY_URL", "http://127.0.0.1:" + ports.pushgateway()));
        startService("exposer-service", Map.of());
        prometheus.awaitTargetsUp(Duration.ofSeconds(60));
        GrafanaServer.startIfInstalled(ports.grafana(), prometheus.url(), chart, workDir).ifPresentOrElse(this::add,
                () -> log.println("stack: grafana           not installed (no grafana/grafana-server on the PATH): import "
                        + "the dashboards from " + GrafanaServer.dashboardsDirectory(chart, workDir)
                        + " into any Grafana with a Prometheus datasource of uid 'prometheus' pointing at "
                        + prometheus.url()));
    }

    private <T> T stopAllOnFailure(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startService(String name, Map<String, String> wiring) {
        Map<String, String> environment = new HashMap<>(settings.environmentOf(name));
        environment.putAll(wiring);
        add(QuarkusAppServer.start(name, application(name), settings.ports().of(name), environment, settings.workDir()));
    }

    private Path application(String service) {
        return settings.repository().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
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
