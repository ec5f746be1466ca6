package dev.perfmonitoring.stack.remotewrite;

import java.util.List;

/**
 * A native histogram sample with integer counts (Prometheus's {@code prompb.Histogram}, the {@code count_int} and
 * {@code zero_count_int} variants), cumulative like a counter. Only positive buckets: latencies are never negative.
 *
 * @param count           observations so far
 * @param sum             sum of the observations
 * @param schema          bucket schema: each power of two is split into {@code 2^schema} buckets
 * @param zeroThreshold   observations at or below it count in the zero bucket
 * @param zeroCount       observations in the zero bucket
 * @param positiveSpans   runs of positive buckets
 * @param positiveDeltas  count of each bucket of the spans, as the difference to the previous bucket's count
 * @param timestampMillis milliseconds since the epoch
 */
public record HistogramSample(long count, double sum, int schema, double zeroThreshold, long zeroCount,
        List<BucketSpan> positiveSpans, List<Long> positiveDeltas, long timestampMillis) {

    public HistogramSample {
        positiveSpans = List.copyOf(positiveSpans);
        positiveDeltas = List.copyOf(positiveDeltas);
    }
}
