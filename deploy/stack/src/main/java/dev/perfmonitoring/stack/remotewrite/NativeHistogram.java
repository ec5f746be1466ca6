package dev.perfmonitoring.stack.remotewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cumulative native histogram of non-negative observations (seconds), bucketed exactly as k6 buckets its trends for
 * remote write: k6's {@code nativeHistogramSink} ({@code internal/output/prometheusrw/remotewrite/trend.go}) is a
 * Prometheus Go client histogram with {@code NativeHistogramBucketFactor: 1.1}, which the client turns into schema 3
 * (each power of two split into 8 buckets, so a bucket's bounds differ by the factor 2^(1/8) ≈ 1.09) and the default
 * zero threshold 2^-128. Bucket keys, spans and deltas are computed as {@code client_golang}'s {@code histogramCounts.observe}
 * and {@code makeBuckets} compute them. Safe for concurrent use.
 */
public final class NativeHistogram {

    /** Schema 3: what {@code pickSchema(1.1)} gives in the Prometheus Go client. */
    public static final int SCHEMA = 3;

    /** {@code DefNativeHistogramZeroThreshold} of the Prometheus Go client: 2^-128. */
    public static final double ZERO_THRESHOLD = Math.scalb(1.0, -128);

    /** The bucket bounds within one power of two for schema 3: 2^(i/8) / 2, as in client_golang's table. */
    private static final double[] BOUNDS = {
        0.5, 0.5452538663326288, 0.5946035575013605, 0.6484197773255048,
        0.7071067811865475, 0.7711054127039704, 0.8408964152537144, 0.9170040432046711,
    };

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;
    private double sum;
    private long zeroCount;

    /** Records one observation. */
    public synchronized void observe(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN is no observation");
        }
        sum += value;
        count++;
        if (value > ZERO_THRESHOLD) {
            buckets.merge(bucketKey(value), 1L, Long::sum);
        } else {
            zeroCount++;
        }
    }

    /** How many observations were recorded. */
    public synchronized long count() {
        return count;
    }

    /** The histogram as it stands, as a remote-write sample at this instant. */
    public synchronized HistogramSample snapshot(long timestampMillis) {
        List<int[]> spans = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        long previousCount = 0;
        int nextKey = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            int gap = bucket.getKey() - nextKey;
            if (spans.isEmpty() || gap > 2) {
                spans.add(new int[] {gap, 0});
            } else {
                // client_golang fills a gap of one or two buckets with empty buckets instead of starting a new span
                for (int empty = 0; empty < gap; empty++) {
                    spans.get(spans.size() - 1)[1]++;
                    deltas.add(-previousCount);
                    previousCount = 0;
                }
            }
            spans.get(spans.size() - 1)[1]++;
            deltas.add(bucket.getValue() - previousCount);
            previousCount = bucket.getValue();
            nextKey = bucket.getKey() + 1;
        }
        return new HistogramSample(count, sum, SCHEMA, ZERO_THRESHOLD, zeroCount,
                spans.stream().map(span -> new BucketSpan(span[0], span[1])).toList(), deltas, timestampMillis);
    }

    /**
     * The index of the bucket holding {@code value} (> 0): the bucket {@code i} holds (2^((i-1)/8), 2^(i/8)]. As
     * client_golang: {@code frac, exp := math.Frexp(v)}, then the first bound at or above {@code frac}, plus
     * {@code (exp - 1) * 8}.
     */
    static int bucketKey(double value) {
        if (Double.isInfinite(value)) {
            return bucketKey(Double.MAX_VALUE) + 1;
        }
        // frexp: value = fraction * 2^exponent with fraction in [0.5, 1); values above the zero threshold are normal
        int exponent = Math.getExponent(value) + 1;
        double fraction = Math.scalb(value, -exponent);
        int index = Arrays.binarySearch(BOUNDS, fraction);
        int firstAtOrAbove = index >= 0 ? index : -index - 1;
        return firstAtOrAbove + (exponent - 1) * BOUNDS.length;
    }
}
