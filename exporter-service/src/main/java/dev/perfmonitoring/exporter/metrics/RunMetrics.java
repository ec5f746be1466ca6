package dev.perfmonitoring.exporter.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pushed metrics of one Pushgateway group, in their own client_java registry (apart from the exporter's own
 * Micrometer metrics). A metric is registered on first use, so a group holds exactly the metrics its requests set.
 * Not thread-safe: the owning {@code RunGroup} serialises every call.
 */
public final class RunMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<LoadTestMetric, Gauge> gauges = new EnumMap<>(LoadTestMetric.class);
    private final Map<LoadTestMetric, Histogram> histograms = new EnumMap<>(LoadTestMetric.class);

    /** POST /addBatchWise: the latest batch's counts. */
    public void setBatch(double total, double failed, double success) {
        gauge(LoadTestMetric.TOTAL_REQUESTS).set(total);
        gauge(LoadTestMetric.FAILED_REQUESTS).set(failed);
        gauge(LoadTestMetric.SUCCESSFUL_REQUESTS).set(success);
    }

    /** POST /updateTotal: adds to the run's overall request count. */
    public void addOverallRequests(double requests) {
        gauge(LoadTestMetric.OVERALL_REQUESTS).inc(requests);
    }

    /** POST /updateAvgTime, converted to seconds. */
    public void observeBatchAverageTime(double seconds) {
        histogram(LoadTestMetric.BATCH_AVERAGE_TIME).observe(seconds);
    }

    /** POST /updateTime. */
    public void observeRunTime(double seconds) {
        histogram(LoadTestMetric.RUN_TIME).observe(seconds);
    }

    /** POST /pushMetrics: the controller's latest state. */
    public void setControllerState(double total, double failed, double latencySeconds, double requestsPerSecond) {
        setBatch(total, failed, total - failed);
        gauge(LoadTestMetric.AVERAGE_LATENCY).set(latencySeconds);
        gauge(LoadTestMetric.CURRENT_RPS).set(requestsPerSecond);
    }

    /** A copy of every value now, to push after the caller has released its lock. */
    public MetricSnapshots snapshot() {
        return registry.scrape();
    }

    private Gauge gauge(LoadTestMetric metric) {
        return gauges.computeIfAbsent(metric, m -> Gauge.builder()
                .name(m.prometheusName())
                .help(m.help())
                .withoutExemplars()
                .register(registry));
    }

    private Histogram histogram(LoadTestMetric metric) {
        return histograms.computeIfAbsent(metric, m -> Histogram.builder()
                .name(m.prometheusName())
                .help(m.help())
                .classicOnly()
                .classicUpperBounds(m.bucketUpperBounds())
                .withoutExemplars()
                .register(registry));
    }
}
