package dev.perfmonitoring.verification.k6;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * k6's Prometheus remote-write output ({@code -o experimental-prometheus-rw}), rebuilt from k6 2.2.0's
 * {@code internal/output/prometheusrw/remotewrite/}, to give a test exactly the series k6 would send for a known run.
 * Each detail and where it comes from:
 *
 * <ul>
 *   <li>One series per metric and tag set, kept for the whole run with a cumulative sink ({@code Output.tsdb},
 *       {@code newSeriesWithMeasure}): Counter sums, Gauge keeps the last value, Rate counts trues over all, Trend
 *       with the native-histograms feature is a {@link GoNativeHistogram} ({@code remotewrite.go}, {@code New}: the
 *       {@code native-histograms} feature flag sets {@code TrendAsNativeHistogram}).</li>
 *   <li>A flush sends only the series that got a sample newer (at millisecond precision) than their latest one, at
 *       that latest sample's time ({@code convertToPbSeries}: the {@code seen} map, {@code truncTime.After(swm.Latest)}),
 *       every push interval (5 s, {@code defaultPushInterval} in {@code config.go}).</li>
 *   <li>Names ({@code MapSeries} in {@code prometheus.go}, {@code MapPrompb} in {@code remotewrite.go} and
 *       {@code trend.go}): {@code k6_} + the metric name; {@code _total} for counters, {@code _rate} for rates, nothing
 *       for gauges, and for native-histogram trends the base unit ({@code baseUnit}: {@code _seconds} for time,
 *       {@code _bytes} for data); time values divided by 1000 ({@code adaptUnit}: k6 measures milliseconds).</li>
 *   <li>Labels: every tag with a non-empty key and value ({@code MapTagSet} skips empty ones, so the root group's
 *       {@code group=""} never arrives), plus {@code __name__}, sorted by name.</li>
 *   <li>Stale markers ({@code K6_PROMETHEUS_RW_STALE_MARKERS=true}, {@code Output.Stop} and {@code staleMarkers}): after
 *       the last flush, every series once more with its first sample replaced by Prometheus's StaleNaN
 *       ({@code stale.Marker}, bits 0x7ff0000000000002) at now truncated to the millisecond plus 1 ms; a histogram
 *       series keeps its histogram (at its latest time) and gets a float sample added for the marker.</li>
 * </ul>
 */
final class K6Output {

    /** A {@code prompb.TimeSeries}: labels, float samples (value, timestamp) and native histograms. */
    record Series(SortedMap<String, String> labels, List<double[]> samples, List<GoNativeHistogram.Proto> histograms) {
    }

    private record Key(K6Metric metric, SortedMap<String, String> tags) {
    }

    private static final class Sink {
        final Key key;
        long latest;
        double value;
        long trues;
        long total;
        final GoNativeHistogram histogram = new GoNativeHistogram();

        Sink(Key key) {
            this.key = key;
        }
    }

    private final Map<Key, Sink> tsdb = new HashMap<>();
    private final Set<Key> seen = new LinkedHashSet<>();

    /** One k6 metric sample ({@code metrics.Sample}) of this flush period. */
    void add(K6Metric metric, Map<String, String> tags, double value, long timeMillis) {
        Key key = new Key(metric, new TreeMap<>(tags));
        Sink sink = tsdb.get(key);
        if (sink == null) {
            sink = new Sink(key);
            sink.latest = timeMillis;
            tsdb.put(key, sink);
            seen.add(key);
        } else if (timeMillis > sink.latest) {
            sink.latest = timeMillis;
            seen.add(key);
        }
        switch (metric.type()) {
            case COUNTER -> sink.value += value;
            case GAUGE -> sink.value = value;
            case RATE -> {
                sink.total++;
                if (value != 0) {
                    sink.trues++;
                }
            }
            case TREND -> sink.histogram.observe(metric.contains() == K6Metric.Contains.TIME ? value / 1000 : value);
            default -> throw new IllegalStateException(metric.type().toString());
        }
    }

    /** What one flush sends: the series seen since the last flush. */
    List<Series> flush() {
        List<Series> series = new ArrayList<>();
        for (Key key : seen) {
            series.add(mapPrompb(tsdb.get(key)));
        }
        seen.clear();
        return series;
    }

    /** What {@code Stop} sends after the last flush: every series with a stale marker at {@code nowMillis + 1}. */
    List<Series> staleMarkers(long nowMillis) {
        List<Series> markers = new ArrayList<>();
        for (Sink sink : tsdb.values()) {
            Series series = mapPrompb(sink);
            List<double[]> samples = new ArrayList<>(series.samples());
            if (samples.isEmpty()) {
                samples.add(new double[2]);
            }
            samples.set(0, new double[] {Double.longBitsToDouble(0x7ff0000000000002L), nowMillis + 1});
            markers.add(new Series(series.labels(), samples, series.histograms()));
        }
        return markers;
    }

    private static Series mapPrompb(Sink sink) {
        K6Metric metric = sink.key.metric();
        return switch (metric.type()) {
            case COUNTER -> floatSeries(sink, "total", sink.value);
            case GAUGE -> floatSeries(sink, "", sink.value);
            case RATE -> floatSeries(sink, "rate", (double) sink.trues / sink.total);
            case TREND -> new Series(labels(sink.key, metric.contains() == K6Metric.Contains.TIME ? "seconds"
                    : metric.contains() == K6Metric.Contains.DATA ? "bytes" : ""), List.of(),
                    List.of(sink.histogram.toProto(sink.latest)));
        };
    }

    private static Series floatSeries(Sink sink, String suffix, double value) {
        return new Series(labels(sink.key, suffix), List.<double[]>of(new double[] {value, sink.latest}), List.of());
    }

    private static SortedMap<String, String> labels(Key key, String suffix) {
        SortedMap<String, String> labels = new TreeMap<>();
        key.tags().forEach((name, value) -> {
            if (!name.isEmpty() && !value.isEmpty()) {
                labels.put(name, value);
            }
        });
        labels.put("__name__", "k6_" + key.metric().k6Name() + (suffix.isEmpty() ? "" : "_" + suffix));
        return labels;
    }
}
