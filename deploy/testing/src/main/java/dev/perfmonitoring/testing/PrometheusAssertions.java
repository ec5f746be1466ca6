package dev.perfmonitoring.testing;

import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waits on a real Prometheus in tests; a wait that runs out fails the test with the query and Prometheus's log. */
public final class PrometheusAssertions {

    private PrometheusAssertions() {
    }

    /** Polls until {@code promql} returns at least one series, or fails after {@code timeout} naming the query. */
    public static List<Sample> awaitSeries(PrometheusServer prometheus, String promql, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Sample> series = prometheus.client().query(promql);
            if (!series.isEmpty()) {
                return series;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no series for " + promql + " within " + timeout.toSeconds() + " s"
                        + prometheus.describe());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + promql, e);
            }
        }
    }
}
