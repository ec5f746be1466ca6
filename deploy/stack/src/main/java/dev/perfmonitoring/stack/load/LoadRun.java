package dev.perfmonitoring.stack.load;

import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code load-runner run}: the Person scenarios against demo-api, with batches to the exporter and progress lines. */
public final class LoadRun {

    private final RunOptions options;
    private final PrintStream out;

    public LoadRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the scenarios to the end; the summary of what was sent. */
    public Summary execute() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        RunStatistics statistics = new RunStatistics();
        Optional<BatchReporter> reporter = options.exporterUrl().map(url -> new BatchReporter(http, url, options.testid()));
        Optional<PrometheusClient> prometheus = options.prometheusUrl().map(url -> new PrometheusClient(http, url));
        ProgressPrinter progress = new ProgressPrinter(out, statistics, prometheus, options.duration());

        out.printf("load-runner: testid %s, %d s at rate x%s against %s%n", options.testid(),
                options.duration().toSeconds(), options.rate(), options.baseUrl());
        long start = System.nanoTime();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "load-runner-ticks");
            thread.setDaemon(true);
            return thread;
        });
        reporter.ifPresent(batches -> ticks.scheduleWithFixedDelay(() -> batches.report(statistics.takeBatch()),
                options.batchInterval().toMillis(), options.batchInterval().toMillis(), TimeUnit.MILLISECONDS));
        ticks.scheduleAtFixedRate(() -> progress.print(Duration.ofNanos(System.nanoTime() - start)),
                options.progressInterval().toMillis(), options.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            new ScenarioRunner(new PersonApiClient(http, options.baseUrl()), new KnownPersons(), statistics)
                    .runAll(PersonScenarios.scaled(options.duration(), options.rate()));
        } finally {
            ticks.shutdown();
            ticks.awaitTermination(30, TimeUnit.SECONDS);
        }
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);
        reporter.ifPresent(batches -> {
            batches.report(statistics.takeBatch());
            batches.finish(runTime);
        });
        progress.print(runTime);
        return new Summary(statistics.requests(), statistics.failures(), statistics.dropped(),
                reporter.map(BatchReporter::reportedTotal).orElse(0L),
                reporter.map(BatchReporter::failedReports).orElse(0L));
    }

    /**
     * What a run sent.
     *
     * @param requests          requests sent to demo-api
     * @param failures          of those, failed (unexpected status or no response)
     * @param dropped           arrival-rate iterations that found every VU busy
     * @param reportedToExporter requests the exporter accepted into its overall total
     * @param failedReports     calls to the exporter that did not succeed
     */
    public record Summary(long requests, long failures, long dropped, long reportedToExporter, long failedReports) {
    }
}
