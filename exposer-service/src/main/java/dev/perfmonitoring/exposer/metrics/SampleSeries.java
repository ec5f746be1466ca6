package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;

/** How many series the sample metrics expose for a configuration, and the bound that keeps it affordable. */
public final class SampleSeries {

    /** At most this many sample series: enough to feel what high cardinality costs, not enough to hurt. */
    public static final int MAX = 10_000;
    /** Temperature, stock price and queue depth: one series each per label value. */
    private static final int GAUGES = 3;

    private SampleSeries() {
    }

    /** The number of sample series (lines starting with {@code sample_}) the exposition will carry. */
    public static int count(ExposerConfig config) {
        return config.cardinality().labelValues() * perLabelValue(config) + BuildInfo.SERIES;
    }

    /** The largest {@code exposer.cardinality.label-values} that stays within {@link #MAX}. */
    public static int maxLabelValues(ExposerConfig config) {
        return (MAX - BuildInfo.SERIES) / perLabelValue(config);
    }

    private static int perLabelValue(ExposerConfig config) {
        return OrderCounter.STATUSES.size() + GAUGES
                + LatencyHistogram.seriesPerEndpoint(config.latency().buckets().size())
                + ResponseSizeSummary.seriesPerEndpoint(config.responseSize().quantiles().size());
    }
}
