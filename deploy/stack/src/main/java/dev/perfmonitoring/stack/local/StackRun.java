package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.report.SloReport;
import dev.perfmonitoring.stack.report.SloReportPrinter;
import dev.perfmonitoring.stack.report.SloReportQueries;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The main job of the one-machine stack: start it, run the Person scenario against demo-api with batches to the
 * exporter, let the rules evaluate the end of the run, print the SLO report, stop everything.
 */
public final class StackRun {

    /** Exit code when every SLO was met. */
    public static final int PASSED = 0;
    /** Exit code when an SLO failed. */
    public static final int FAILED = 1;

    private final Path repository;
    private final StackOptions options;
    private final StackPorts ports;
    private final PrintStream out;

    public StackRun(Path repository, StackOptions options, StackPorts ports, PrintStream out) {
        this.repository = repository;
        this.options = options;
        this.ports = ports;
        this.out = out;
    }

    /** Runs the whole job and returns the report (its {@code passed()} decides the exit code). */
    public SloReport execute() throws IOException, InterruptedException {
        StackSettings settings = StackSettings.defaults(repository, options.workDir(), ports);
        for (Path file : options.valuesFiles()) {
            settings = settings.withValuesFile(file);
        }
        if (!options.thresholds().isEmpty()) {
            settings = settings.withValuesFile(options.thresholds().writeValuesFile(
                    repository.resolve("helm/perf-monitoring/values.yaml"), options.workDir().resolve("slo-values.yaml")));
        }
        try (LocalStack stack = LocalStack.start(settings, out)) {
            Instant loadStart = Instant.now();
            new LoadRun(new RunOptions(stack.url("demo-api"), Optional.of(stack.url("exporter-service")),
                    Optional.of(stack.url("prometheus")), options.duration(), options.rate(), options.testid(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5)), out).execute();
            Thread.sleep(settings.settleTime().toMillis());
            Instant end = Instant.now();
            Duration window = Duration.ofSeconds(Duration.between(loadStart, end).toSeconds() + 1);
            HttpClient http = HttpClient.newHttpClient();
            SloReport report = new SloReportQueries(new PrometheusClient(http, stack.url("prometheus")), "demo-api")
                    .report(end, window, options.testid(), options.maxErrorRatio());
            SloReportPrinter.print(report, out);
            if (options.keepRunning()) {
                waitForInterrupt(stack);
            }
            return report;
        }
    }

    private void waitForInterrupt(LocalStack stack) throws InterruptedException {
        out.println();
        for (String name : new String[] {"prometheus", "grafana", "demo-api", "exporter-service", "exposer-service",
                "pushgateway"}) {
            stack.find(name).ifPresent(server -> out.printf("  %-17s %s%n", name, server.url()));
        }
        out.println("Everything keeps running: press Ctrl-C to stop it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The environment's port settings (see {@link StackPorts}). */
    public static StackPorts portsFromEnvironment() {
        return StackPorts.fromEnvironment(Map.copyOf(System.getenv()));
    }
}
