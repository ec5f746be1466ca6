package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.Comparison;
import dev.perfmonitoring.stack.report.ReportOutput;
import dev.perfmonitoring.stack.report.RunReport;
import dev.perfmonitoring.stack.report.RunReports;
import dev.perfmonitoring.stack.report.RunWindow;
import dev.perfmonitoring.stack.report.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The main job of the one-machine stack: prepare it (everything that can fail before a process starts), start
 * Prometheus on the data of earlier runs and check the baseline and the testid against it, start the rest, run the
 * Person scenario against demo-api with batches to the exporter and the client-side metrics to Prometheus by remote
 * write (k6's shape, shown by the load-generator dashboard), let the rules evaluate the end of the run, write the
 * report, stop everything.
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
        StackSettings stackSettings = StackSettings.defaults(repository, options.workDir(), ports)
                .withRetention(options.retention());
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

    /**
     * Starts the prepared stack, runs the scenario and returns the verdict of the report.
     *
     * @throws UsageException when the baseline is not among the runs Prometheus holds, or the testid is taken
     */
    public Verdict execute(LocalStack prepared) throws InterruptedException {
        prepared.requireStartable();
        if (options.fresh()) {
            forgetEarlierRuns();
        }
        try (LocalStack stack = prepared) {
            stack.startPrometheus();
            PrometheusClient prometheus = stack.prometheus().client();
            Optional<RunWindow> baseline = options.baseline().map(testid -> earlierRun(prometheus, testid));
            if (RunWindow.find(prometheus, options.testid(), Instant.now()).isPresent()) {
                throw new UsageException("--testid " + options.testid() + " names an earlier run in "
                        + settings.prometheusData() + ": choose a new testid (or --fresh to forget earlier runs)");
            }
            stack.startServices();
            Instant loadStart = Instant.now();
            new LoadRun(new RunOptions(stack.url("demo-api"), Optional.of(stack.url("exporter-service")),
                    Optional.of(stack.url("prometheus")), Optional.of(RunOptions.remoteWriteEndpoint(stack.url("prometheus"))),
                    options.duration(), options.rate(), options.testid(), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    out, scenarios).execute();
            Instant loadEnd = Instant.now();
            Thread.sleep(settings.settleTime().toMillis());
            RunReports reports = new RunReports(prometheus, "demo-api", options.maxErrorRatio());
            RunReport run = reports.collect(new RunWindow(options.testid(), loadStart, loadEnd, "this run's load"),
                    Instant.now());
            Optional<Comparison> comparison = baseline.map(earlier -> Comparison.of(reports.collect(earlier), run,
                    options.regressionRule()));
            Verdict verdict = ReportOutput.emit(run, comparison, options.report(), options.junit(),
                    prometheus.baseUrl().toString(), out);
            if (options.keepRunning()) {
                waitForInterrupt(stack);
            }
            return verdict;
        }
    }

    private RunWindow earlierRun(PrometheusClient prometheus, String testid) {
        return RunWindow.find(prometheus, testid, Instant.now()).orElseThrow(() -> new UsageException("--baseline "
                + testid + ": Prometheus holds no run with that testid (its data: " + settings.prometheusData()
                + ", runs of the last " + settings.retention().toDays() + " days of this work directory)"));
    }

    private void forgetEarlierRuns() {
        Path data = settings.prometheusData();
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + data, e);
        }
        out.println("stack: forgot every earlier run (removed " + data + ")");
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
