package dev.perfmonitoring.exporter.service;

import java.util.Map;
import java.util.NavigableMap;

/**
 * What the Pushgateway holds for one group, as its {@code /api/v1/metrics} API reports it: the values a previous
 * exporter process pushed, from which a restarted exporter continues the run.
 *
 * @param gauges     gauge values by metric name
 * @param histograms classic histograms by metric name
 */
public record PushedGroup(Map<String, Double> gauges, Map<String, Histogram> histograms) {

    public PushedGroup {
        gauges = Map.copyOf(gauges);
        histograms = Map.copyOf(histograms);
    }

    /**
     * A pushed classic histogram.
     *
     * @param cumulativeCounts observations at or below each upper bound, {@code +Inf} included, by upper bound
     * @param sum              sum of the observations
     * @param count            number of observations
     */
    public record Histogram(NavigableMap<Double, Long> cumulativeCounts, double sum, long count) {
    }
}
