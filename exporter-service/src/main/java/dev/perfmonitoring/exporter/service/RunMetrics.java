package dev.perfmonitoring.exporter.service;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.Map;

/**
 * The pushed metrics of one Pushgateway group, as plain values turned into client_java snapshots for each push. A
 * metric exists once a request (or the state recovered from the Pushgateway) sets it, so a group holds exactly the
 * metrics its run reported. Not thread-safe: the owning {@link RunGroup} serialises every call.
 */
public final class RunMetrics {

    private final Map<LoadTestMetric, Double> gauges = new EnumMap<>(LoadTestMetric.class);
    private final Map<LoadTestMetric, HistogramCounts> histograms = new EnumMap<>(LoadTestMetric.class);

    /** POST /addBatchWise: the totals the load tool reports with a batch. */
    public void setBatch(double total, double failed, double success) {
        gauges.put(LoadTestMetric.TOTAL_REQUESTS, total);
        gauges.put(LoadTestMetric.FAILED_REQUESTS, failed);
        gauges.put(LoadTestMetric.SUCCESSFUL_REQUESTS, success);
    }

    /** POST /updateTotal: adds to the run's overall request count. */
    public void addOverallRequests(double requests) {
        gauges.merge(LoadTestMetric.OVERALL_REQUESTS, requests, Double::sum);
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
        gauges.put(LoadTestMetric.AVERAGE_LATENCY, latencySeconds);
        gauges.put(LoadTestMetric.CURRENT_RPS, requestsPerSecond);
    }

    /**
     * Continues the run from what an earlier exporter process pushed: running sums and histograms add the pushed
     * values to what this process has counted, a latest value keeps the pushed one unless this process has set it
     * since (its value is newer). Pushed metrics of other names or types are not this exporter's and are left out.
     */
    void continueFrom(PushedGroup pushed) {
        for (LoadTestMetric metric : LoadTestMetric.values()) {
            switch (metric.kind()) {
                case LATEST_VALUE -> {
                    Double value = pushed.gauges().get(metric.prometheusName());
                    if (value != null) {
                        gauges.putIfAbsent(metric, value);
                    }
                }
                case RUNNING_SUM -> {
                    Double value = pushed.gauges().get(metric.prometheusName());
                    if (value != null) {
                        gauges.merge(metric, value, Double::sum);
                    }
                }
                case HISTOGRAM -> {
                    PushedGroup.Histogram histogram = pushed.histograms().get(metric.prometheusName());
                    if (histogram != null) {
                        histogram(metric).add(histogram);
                    }
                }
            }
        }
    }

    /** A copy of every value now, to push after the caller has released its lock. */
    MetricSnapshots snapshot() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        gauges.forEach((metric, value) -> snapshots.metricSnapshot(GaugeSnapshot.builder()
                .name(metric.prometheusName())
                .help(metric.help())
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build()));
        histograms.forEach((metric, counts) -> snapshots.metricSnapshot(HistogramSnapshot.builder()
                .name(metric.prometheusName())
                .help(metric.help())
                .dataPoint(counts.snapshot())
                .build()));
        return snapshots.build();
    }

    private HistogramCounts histogram(LoadTestMetric metric) {
        return histograms.computeIfAbsent(metric, m -> new HistogramCounts(m.bucketUpperBounds()));
    }
}
