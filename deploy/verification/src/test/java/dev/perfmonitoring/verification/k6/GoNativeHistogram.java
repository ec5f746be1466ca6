package dev.perfmonitoring.verification.k6;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The native histogram of k6's {@code nativeHistogramSink} ({@code internal/output/prometheusrw/remotewrite/trend.go},
 * {@code newNativeHistogramSink}): a Prometheus Go client (client_golang 1.24.1, vendored by k6 2.2.0) histogram with
 * {@code NativeHistogramBucketFactor: 1.1} and nothing else, so {@code pickSchema(1.1)} gives schema 3 and the zero
 * threshold is {@code DefNativeHistogramZeroThreshold} (2^-128); no classic buckets (client_golang adds none when the
 * factor is above 1). Observations as {@code histogramCounts.observe}: {@code frac, exp := math.Frexp(v)}, bucket key
 * {@code sort.SearchFloat64s(nativeHistogramBounds[3], frac) + (exp-1)*8}. Written as {@code histogramToHistogramProto}
 * writes it: integer count and zero count, sum, schema, zero threshold, positive spans and deltas from
 * {@code makeBuckets} (gaps of up to two buckets filled with empty buckets), the timestamp. This is the test's own copy of
 * those rules, read from the Go source, not perf-stack's.
 */
final class GoNativeHistogram {

    static final int SCHEMA = 3;
    static final double ZERO_THRESHOLD = 2.938735877055719e-39;
    /** client_golang's {@code nativeHistogramBounds[3]}. */
    private static final double[] BOUNDS = {
        0.5, 0.5452538663326288, 0.5946035575013605, 0.6484197773255048,
        0.7071067811865475, 0.7711054127039704, 0.8408964152537144, 0.9170040432046711,
    };

    /** The {@code prompb.Histogram} fields k6 sets. */
    record Proto(long count, double sum, int schema, double zeroThreshold, long zeroCount, List<int[]> positiveSpans,
            List<Long> positiveDeltas, long timestamp) {
    }

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;
    private double sum;
    private long zeroCount;

    void observe(double value) {
        sum += value;
        count++;
        if (value > ZERO_THRESHOLD) {
            buckets.merge(key(value), 1L, Long::sum);
        } else {
            zeroCount++;
        }
    }

    Proto toProto(long timestamp) {
        List<int[]> spans = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        long previous = 0;
        int next = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            int gap = bucket.getKey() - next;
            if (spans.isEmpty() || gap > 2) {
                spans.add(new int[] {gap, 0});
            } else {
                for (int j = 0; j < gap; j++) {
                    spans.get(spans.size() - 1)[1]++;
                    deltas.add(-previous);
                    previous = 0;
                }
            }
            spans.get(spans.size() - 1)[1]++;
            deltas.add(bucket.getValue() - previous);
            previous = bucket.getValue();
            next = bucket.getKey() + 1;
        }
        return new Proto(count, sum, SCHEMA, ZERO_THRESHOLD, zeroCount, spans, deltas, timestamp);
    }

    /** Go's math.Frexp, then the bound search. */
    static int key(double value) {
        int exp = Math.getExponent(value) + 1;
        double frac = value / Math.pow(2, exp);
        int index = 0;
        while (index < BOUNDS.length && BOUNDS[index] < frac) {
            index++;
        }
        return index + (exp - 1) * BOUNDS.length;
    }

    /** The bounds (lower, upper] of the bucket holding {@code value}: a schema-3 bucket spans a factor 2^(1/8). */
    static double[] bucketBounds(double value) {
        int key = key(value);
        return new double[] {Math.pow(2, (key - 1) / 8.0), Math.pow(2, key / 8.0)};
    }
}
