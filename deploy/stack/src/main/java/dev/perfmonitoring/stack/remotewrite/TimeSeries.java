package dev.perfmonitoring.stack.remotewrite;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One time series of a remote-write request (Prometheus's {@code prompb.TimeSeries}): its labels, sorted by name as the
 * remote-write specification asks ({@code __name__} among them), with float samples and native histogram samples.
 */
public record TimeSeries(SortedMap<String, String> labels, List<Sample> samples, List<HistogramSample> histograms) {

    public TimeSeries {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        samples = List.copyOf(samples);
        histograms = List.copyOf(histograms);
    }

    /** A series with one float sample. */
    public static TimeSeries of(SortedMap<String, String> labels, Sample sample) {
        return new TimeSeries(labels, List.of(sample), List.of());
    }

    /** A series with one native histogram sample. */
    public static TimeSeries of(SortedMap<String, String> labels, HistogramSample histogram) {
        return new TimeSeries(labels, List.of(), List.of(histogram));
    }

    /** The metric name ({@code __name__}). */
    public String name() {
        return labels.get("__name__");
    }
}
