package dev.perfmonitoring.stack.load;

import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.remotewrite.RemoteWriteClient;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code perf-stack load}: the Person scenarios of the scenario file against demo-api with k6's executor semantics,
 * scaled to {@code --duration} (SCALE = duration / the file's nominal duration) and {@code --rate}, with batches to
 * the exporter, the client-side metrics to Prometheus by remote write in k6's shape ({@link ClientMetrics}), progress
 * lines and, at the end, the client-side latency table per request name.
 */
public final class LoadRun {

    private final RunOptions options;
    private final PrintStream out;
    private final ScenarioFile scenarioFile;

    /** A run of a scenario file read beforehand ({@link ScenarioFile#read()}), so a broken file stops nothing. */
    public LoadRun(RunOptions options, PrintStream out, ScenarioFile scenarioFile) {
        this.options = options;
        this.out = out;
        this.scenarioFile = scenarioFile;
    }

    /** Runs the scenarios to the end; the summary of what was sent. */
    public Summary execute() throws InterruptedException {
        ScenarioFile file = scenarioFile;
        ScenarioPlan plan = file.plan(Scaling.of(options.duration(), file.nominalDuration(), options.rate()));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        RunStatistics statistics = new RunStatistics(plan.scenarios().stream()
                .map(scenario -> scenario.request().requestName()).distinct().toList());
        Optional<BatchReporter> reporter = options.exporterUrl().map(url -> new BatchReporter(http, url, options.testid()));
        Optional<PrometheusClient> prometheus = options.prometheusUrl().map(url -> new PrometheusClient(http, url));
        ClientMetrics metrics = new ClientMetrics(options.testid(),
                plan.scenarios().stream().mapToLong(scenario -> scenario.executor().maxVus()).sum());
        Optional<ClientMetricsPublisher> publisher = options.remoteWriteUrl().map(url -> new ClientMetricsPublisher(
                metrics, new RemoteWriteClient(http, url, "perf-stack-load-runner"), out));
        ProgressPrinter progress = new ProgressPrinter(out, statistics, prometheus, options.duration());

        out.printf("load-runner: testid %s, %d s at rate x%s against %s; scenarios from %s%n", options.testid(),
                options.duration().toSeconds(), options.rate(), options.baseUrl(), file.source());
        plan.scenarios().forEach(scenario -> out.printf("  %-7s %s: %s%n", scenario.name(),
                scenario.request().requestName(), scenario.executor().description()));
        long start = System.nanoTime();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "load-runner-ticks");
            thread.setDaemon(true);
            return thread;
        });
        reporter.ifPresent(batches -> ticks.scheduleWithFixedDelay(() -> batches.report(statistics.takeBatch()),
                options.batchInterval().toMillis(), options.batchInterval().toMillis(), TimeUnit.MILLISECONDS));
        long push = RunOptions.REMOTE_WRITE_PUSH_INTERVAL.toMillis();
        publisher.ifPresent(metricsPush -> ticks.scheduleWithFixedDelay(metricsPush::push, push, push,
                TimeUnit.MILLISECONDS));
        ticks.scheduleAtFixedRate(() -> progress.print(Duration.ofNanos(System.nanoTime() - start)),
                options.progressInterval().toMillis(), options.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            new ScenarioRunner(new PersonApiClient(http, options.baseUrl()), statistics, metrics).runAll(plan);
        } finally {
            ticks.shutdown();
            ticks.awaitTermination(30, TimeUnit.SECONDS);
        }
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);
        reporter.ifPresent(batches -> {
            batches.report(statistics.takeBatch());
            batches.finish(runTime);
        });
        publisher.ifPresent(ClientMetricsPublisher::finish);
        progress.print(runTime);
        Summary summary = new Summary(statistics.requests(), statistics.failures(), statistics.dropped(),
                reporter.map(BatchReporter::reportedTotal).orElse(0L),
                reporter.map(BatchReporter::failedReports).orElse(0L),
                publisher.map(ClientMetricsPublisher::failedPushes).orElse(0L), statistics.byRequest());
        ClientLatencyTable.print(summary.byRequest(), summary.dropped(), out);
        return summary;
    }

    /**
     * What a run sent.
     *
     * @param requests          requests sent to demo-api
     * @param failures          of those, failed (unexpected status or no response)
     * @param dropped           iterations that never started (k6's {@code dropped_iterations}): arrival-rate
     *                          iterations that found every VU busy, shared iterations left when maxDuration was over
     * @param reportedToExporter requests the exporter accepted into its overall total
     * @param failedReports     calls to the exporter that did not succeed
     * @param failedMetricPushes remote-write pushes of the client-side metrics that did not succeed
     * @param byRequest         per request name, in the scenario file's order: calls, failures, dropped iterations
     *                          and the client-side latency percentiles
     */
    public record Summary(long requests, long failures, long dropped, long reportedToExporter, long failedReports,
            long failedMetricPushes, List<RequestSummary> byRequest) {

        public Summary {
            byRequest = List.copyOf(byRequest);
        }
    }
}
