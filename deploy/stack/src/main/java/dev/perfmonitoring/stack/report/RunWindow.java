package dev.perfmonitoring.stack.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a test run happened, found in Prometheus by its {@code testid}: from the load generator's series (k6's or
 * perf-stack's remote-written {@code k6_vus} and {@code k6_http_reqs_total}), else from the exporter's pushes
 * ({@code push_time_seconds} of the run's Pushgateway group holds the time of each push).
 *
 * @param testid   the run's id
 * @param start    the first sample of the run
 * @param end      the last sample of the run
 * @param markedBy the series the window was read from
 */
public record RunWindow(String testid, Instant start, Instant end, String markedBy) {

    /** The load generator's series that mark a run's samples: k6's (or perf-stack's runner's) VUs and requests. */
    private static final String LOAD_GENERATOR_SERIES = "__name__=~\"k6_vus|k6_http_reqs_total\"";

    /** How far back runs are looked for: longer than Prometheus's default retention of 15 days. */
    public static final Duration LOOKBACK = Duration.ofDays(31);

    /** The run's length, at least a second. */
    public Duration length() {
        return Duration.ofSeconds(Math.max(1, Duration.between(start, end).toSeconds()));
    }

    /** A window given by hand ({@code --from}, {@code --to}). */
    public static RunWindow between(String testid, Instant start, Instant end) {
        return new RunWindow(testid, start, end, "--from/--to");
    }

    /**
     * The window of {@code testid} among the data Prometheus holds at {@code now}, empty when it holds no series of
     * that run.
     */
    public static Optional<RunWindow> find(PrometheusClient prometheus, String testid, Instant now) {
        String selector = "{testid=\"" + testid + "\"}";
        // The VUs and the request counters: a burst that ends before the first VUs sample is still in a counter's
        // first sample (a series is stamped with its newest sample's time).
        String marks = "{" + LOAD_GENERATOR_SERIES + ", testid=\"" + testid + "\"}";
        Optional<RunWindow> fromLoadGenerator = sampleTimes(prometheus, marks, LOOKBACK, now)
                .map(times -> new RunWindow(testid, times.get(0), times.get(1), marks));
        if (fromLoadGenerator.isPresent()) {
            return fromLoadGenerator;
        }
        String pushes = "push_time_seconds" + selector + "[" + LOOKBACK.toDays() + "d]";
        List<PrometheusClient.Sample> first = prometheus.query("min(min_over_time(" + pushes + "))", now);
        List<PrometheusClient.Sample> last = prometheus.query("max(max_over_time(" + pushes + "))", now);
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunWindow(testid, seconds(first.get(0).value()), seconds(last.get(0).value()),
                "push_time_seconds" + selector));
    }

    /**
     * When another run's requests may have begun after this one: the first load-generator sample of another testid
     * within {@code horizon} after this run's end, {@code leadIn} earlier (its first push comes that long after its
     * first requests), but never before this run's end. Empty when no other run follows within the horizon. demo-api's
     * counters carry no testid: a report that reads them past this instant would count the next run's requests.
     */
    public Optional<Instant> nextRunBegins(PrometheusClient prometheus, Duration horizon, Duration leadIn) {
        String others = "{" + LOAD_GENERATOR_SERIES + ", testid!=\"" + testid + "\"}";
        Instant until = end.plus(horizon);
        return sampleTimes(prometheus, others, horizon, until)
                .map(times -> times.get(0).minus(leadIn))
                .map(begins -> begins.isBefore(end) ? end : begins);
    }

    /** The first and the last sample time of the series of {@code selector} in {@code range} up to {@code until}. */
    private static Optional<List<Instant>> sampleTimes(PrometheusClient prometheus, String selector, Duration range,
            Instant until) {
        JsonNode data = prometheus.instant(selector + "[" + range.toMillis() + "ms]", until);
        Instant first = null;
        Instant last = null;
        for (JsonNode series : data.path("result")) {
            for (JsonNode sample : series.path("values")) {
                Instant time = seconds(sample.get(0).asDouble());
                first = first == null || time.isBefore(first) ? time : first;
                last = last == null || time.isAfter(last) ? time : last;
            }
        }
        return first == null ? Optional.empty() : Optional.of(List.of(first, last));
    }

    private static Instant seconds(double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    }
}
