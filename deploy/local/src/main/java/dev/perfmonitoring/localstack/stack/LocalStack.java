package dev.perfmonitoring.localstack.stack;

import dev.perfmonitoring.testsupport.LocalServer;
import dev.perfmonitoring.testsupport.PrometheusServer;
import dev.perfmonitoring.testsupport.PushgatewayServer;
import dev.perfmonitoring.testsupport.QuarkusAppServer;
import dev.perfmonitoring.testsupport.ScrapeJob;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The whole flow on one machine, as plain local processes on loopback: a Pushgateway, demo-api, exporter-service
 * and exposer-service as built, and a Prometheus that loads the chart's rules, scrapes like the chart's
 * ServiceMonitors and receives remote write. {@link #close()} stops everything it started, newest first.
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<LocalServer> started = new ArrayDeque<>();
    private final StackPorts ports;
    private final PrintStream log;

    private LocalStack(StackPorts ports, PrintStream log) {
        this.ports = ports;
        this.log = log;
    }

    /**
     * Starts the stack and waits until every Prometheus target is up.
     *
     * @param repository  the repository root (the services' {@code target/quarkus-app/quarkus-run.jar} are run)
     * @param workDir     where logs, Prometheus's configuration and data go
     * @param ports       the loopback ports
     * @param scrapeJobs  Prometheus's scrape jobs, as {@link ScrapeJobs#forStack} derives them from the chart
     * @param ruleFile    the chart's rule groups
     * @param scrapeInterval Prometheus's scrape interval
     * @param serviceEnvironment extra environment per service name ({@code demo-api}, ...)
     */
    public static LocalStack start(Path repository, Path workDir, StackPorts ports,
            java.util.function.Function<StackPorts, List<ScrapeJob>> scrapeJobs, Path ruleFile, String scrapeInterval,
            Map<String, Map<String, String>> serviceEnvironment, PrintStream log) {
        LocalStack stack = new LocalStack(ports, log);
        try {
            stack.add(PushgatewayServer.startOn(ports.pushgateway(), workDir));
            stack.add(QuarkusAppServer.start("demo-api", app(repository, "demo-api"), ports.demoApi(),
                    serviceEnvironment.getOrDefault("demo-api", Map.of()), workDir));
            Map<String, String> exporterEnv = new java.util.HashMap<>(serviceEnvironment.getOrDefault("exporter-service", Map.of()));
            exporterEnv.put("PUSH_GATEWAY_URL", "http://127.0.0.1:" + ports.pushgateway());
            stack.add(QuarkusAppServer.start("exporter-service", app(repository, "exporter-service"), ports.exporter(),
                    exporterEnv, workDir));
            stack.add(QuarkusAppServer.start("exposer-service", app(repository, "exposer-service"), ports.exposer(),
                    serviceEnvironment.getOrDefault("exposer-service", Map.of()), workDir));
            PrometheusServer.Builder prometheus = PrometheusServer.builder()
                    .port(ports.prometheus())
                    .workDir(workDir)
                    .scrapeInterval(scrapeInterval)
                    .ruleFile(ruleFile);
            scrapeJobs.apply(ports).forEach(prometheus::scrapeJob);
            PrometheusServer server = prometheus.start();
            stack.add(server);
            server.awaitTargetsUp(Duration.ofSeconds(60));
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private static Path app(Path repository, String module) {
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void add(LocalServer server) {
        started.push(server);
        log.printf("stack: %-17s %s (log: %s)%n", server.name(), server.url(), server.logFile());
    }

    public StackPorts ports() {
        return ports;
    }

    public URI url(String name) {
        return started.stream().filter(server -> server.name().equals(name)).findFirst()
                .map(server -> URI.create(server.url()))
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " in the stack"));
    }

    /** The process ids of everything started, to check that nothing is left behind. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        started.forEach(server -> pids.add(server.pid()));
        return pids;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            LocalServer server = started.pop();
            server.close();
        }
    }
}
