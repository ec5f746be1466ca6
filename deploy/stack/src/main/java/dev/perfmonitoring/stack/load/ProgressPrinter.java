package dev.perfmonitoring.stack.load;

import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.prometheus.PrometheusQueryException;
import dev.perfmonitoring.stack.prometheus.PrometheusUnreachableException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The progress line of a run: elapsed time, requests, errors, dropped iterations, and the current p95 of the
 * slowest demo-api endpoint as Prometheus's recording rule has it.
 */
final class ProgressPrinter {

    static final String CURRENT_P95 =
            "job_method_path:http_request_duration_seconds:p95_rate1m{job=\"demo-api\"} > 0";

    private final PrintStream out;
    private final RunStatistics statistics;
    private final Optional<PrometheusClient> prometheus;
    private final Duration duration;

    ProgressPrinter(PrintStream out, RunStatistics statistics, Optional<PrometheusClient> prometheus, Duration duration) {
        this.out = out;
        this.statistics = statistics;
        this.prometheus = prometheus;
        this.duration = duration;
    }

    void print(Duration elapsed) {
        long requests = statistics.requests();
        long failures = statistics.failures();
        double seconds = Math.max(1, elapsed.toMillis() / 1000.0);
        out.println(String.format(Locale.ROOT,
                "[%4ds/%ds] requests %d (%.1f/s)  errors %d (%.2f%%)  dropped %d  p95 %s",
                elapsed.toSeconds(), duration.toSeconds(), requests, requests / seconds, failures,
                requests == 0 ? 0.0 : 100.0 * failures / requests, statistics.dropped(), slowestP95()));
    }

    private String slowestP95() {
        if (prometheus.isEmpty()) {
            return "n/a (no --prometheus-url)";
        }
        try {
            return prometheus.get().query(CURRENT_P95).stream()
                    .max(Comparator.comparingDouble(PrometheusClient.Sample::value))
                    .map(slowest -> String.format(Locale.ROOT, "%.0f ms (%s %s)", slowest.value() * 1000,
                            slowest.label("method"), slowest.label("path")))
                    .orElse("- (no rule evaluation yet)");
        } catch (PrometheusQueryException | PrometheusUnreachableException e) {
            return "? (" + e.getMessage() + ")";
        }
    }
}
