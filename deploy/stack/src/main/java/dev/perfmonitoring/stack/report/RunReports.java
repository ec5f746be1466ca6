package dev.perfmonitoring.stack.report;

import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the report of a run from Prometheus. */
public final class RunReports {

    /**
     * How long after a run's last sample the table is evaluated, so the last requests have been scraped and the
     * recording rules have seen them: two scrape intervals of the chart's ServiceMonitors (15 s), six of the local
     * stack's (5 s).
     */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    /**
     * How far before a run's first load-generator sample its first requests may have been sent: one push interval of
     * k6's remote write (5 s by default, perf-stack's runner alike), whose first push comes that long after the start.
     * demo-api's window reaches back so far, so the requests before the first push are counted.
     */
    public static final Duration LEAD_IN = Duration.ofSeconds(5);

    private final PrometheusClient prometheus;
    private final String job;
    private final double maxServerErrorRatio;

    public RunReports(PrometheusClient prometheus, String job, double maxServerErrorRatio) {
        this.prometheus = prometheus;
        this.job = job;
        this.maxServerErrorRatio = maxServerErrorRatio;
    }

    /** The report of a run whose last requests Prometheus has scraped by {@code evaluatedAt}. */
    public RunReport collect(RunWindow window, Instant evaluatedAt) {
        Duration length = Duration.ofSeconds(Math.max(1, Duration.between(window.start(), evaluatedAt).toSeconds()));
        SloReport slo = new SloReportQueries(prometheus, job).report(window.start().minus(LEAD_IN), evaluatedAt,
                window.testid(), maxServerErrorRatio);
        String run = "testid=\"" + window.testid() + "\"";
        String range = length.toSeconds() + "s";
        // k6 sends a series only when it changed, and its first push already holds what came before it: counts are
        // the last value of each cumulative series, never an increase over the window (ClientSideQueries)
        RunReport.LoadShape load = new RunReport.LoadShape(
                measure("sum(last_over_time(k6_http_reqs_total{" + run + "}[" + range + "]))", evaluatedAt),
                measure("max(max_over_time(sum(k6_vus{" + run + "})[" + range + ":5s]))", evaluatedAt),
                measure("sum(last_over_time(k6_dropped_iterations_total{" + run + "}[" + range + "]))", evaluatedAt));
        ClientSideReport clientSide = new ClientSideQueries(prometheus).report(evaluatedAt, length, window.testid());
        List<Plot> plots = new RunPlots(prometheus, job).plots(window.testid(), window.start(), evaluatedAt,
                slo.endpoints());
        return new RunReport(window, evaluatedAt, slo, load, clientSide, plots);
    }

    /**
     * The report of a finished run, evaluated {@link #SETTLE} after its end, or earlier: now, if that is earlier, or
     * when the next run's requests may have begun ({@link RunWindow#nextRunBegins}), so back-to-back runs on one
     * demo-api each count only their own calls.
     */
    public RunReport collect(RunWindow window) {
        Instant evaluatedAt = window.end().plus(SETTLE);
        Instant now = Instant.now();
        if (now.isBefore(evaluatedAt)) {
            evaluatedAt = now;
        }
        Optional<Instant> nextRun = window.nextRunBegins(prometheus, SETTLE, LEAD_IN);
        if (nextRun.isPresent() && nextRun.get().isBefore(evaluatedAt)) {
            evaluatedAt = nextRun.get();
        }
        return collect(window, evaluatedAt);
    }

    private Measurement measure(String promql, Instant at) {
        List<Sample> samples = prometheus.query(promql, at);
        return samples.isEmpty() ? Measurement.absent(promql, at) : new Measurement(samples.get(0).value(), promql, at);
    }
}
