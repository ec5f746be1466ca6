package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.ClientSideQueries;
import dev.perfmonitoring.stack.report.ClientSideReportPrinter;
import dev.perfmonitoring.stack.report.SloReport;
import dev.perfmonitoring.stack.report.SloReportPrinter;
import dev.perfmonitoring.stack.report.SloReportQueries;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The main job of the one-machine stack: prepare it (everything that can fail before a process starts), start it, run
 * the Person scenario against demo-api with batches to the exporter and the client-side metrics to Prometheus by
 * remote write (k6's shape, shown by the load-generator dashboard), let the rules evaluate the end of the run, print
 * the SLO report, stop everything.
 */
public final class StackRun {

    private final StackOptions options;
    private final ScenarioFile scenarios;
    private final StackSettings settings;
    private final PrintStream out;

    public StackRun(Path repository, StackOptions options, ScenarioFile scenarios, StackPorts ports, PrintStream out) {
        this.options = options;
        this.scenarios = scenarios;
        this.out = out;
        StackSettings stackSettings = StackSettings.defaults(repository, options.workDir(), ports);
        for (Path file : options.valuesFiles()) {
            stackSettings = stackSettings.withValuesFile(file);
        }
        if (!options.thresholds().isEmpty()) {
            stackSettings = stackSettings.withValuesFile(options.thresholds().writeValuesFile(
                    repository.resolve("helm/perf-monitoring/values.yaml"), options.workDir().resolve("slo-values.yaml")));
        }
        this.settings = stackSettings;
    }

    /**
     * Renders the chart with the run's values; starts nothing.
     *
     * @throws dev.perfmonitoring.stack.chart.ChartRenderException when the values do not render (bad usage)
     */
    public LocalStack prepare() {
        return LocalStack.prepare(settings, out);
    }

    /** Starts the prepared stack, runs the scenario and returns the report (its {@code passed()} decides the exit). */
    public SloReport execute(LocalStack prepared) throws InterruptedException {
        prepared.requireStartable();
        try (LocalStack stack = prepared) {
            stack.start();
            Instant loadStart = Instant.now();
            new LoadRun(new RunOptions(stack.url("demo-api"), Optional.of(stack.url("exporter-service")),
                    Optional.of(stack.url("prometheus")), Optional.of(RunOptions.remoteWriteEndpoint(stack.url("prometheus"))),
                    options.duration(), options.rate(), options.testid(), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    out, scenarios).execute();
            Thread.sleep(settings.settleTime().toMillis());
            Instant end = Instant.now();
            Duration window = Duration.ofSeconds(Duration.between(loadStart, end).toSeconds() + 1);
            PrometheusClient prometheus = stack.prometheus().client();
            ClientSideReportPrinter.print(new ClientSideQueries(prometheus).report(end, window, options.testid()), out);
            SloReport report = new SloReportQueries(prometheus, "demo-api")
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
}
