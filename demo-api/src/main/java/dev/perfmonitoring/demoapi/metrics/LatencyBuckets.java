package dev.perfmonitoring.demoapi.metrics;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Histogram buckets of every HTTP duration histogram here (prometric's http_request_duration_seconds and Quarkus's
 * http_server_requests_seconds): they contain the SLO thresholds 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 1 and 2 s, so the share
 * of requests under a threshold is exact, with more buckets around them for p50/p95/p99 estimates.
 */
public final class LatencyBuckets {

    public static final Duration[] BOUNDARIES = Stream.of(5, 10, 25, 50, 100, 200, 250, 300, 400, 500, 750, 1000,
            1500, 2000, 2500, 5000, 10000).map(Duration::ofMillis).toArray(Duration[]::new);

    private LatencyBuckets() {
    }
}
