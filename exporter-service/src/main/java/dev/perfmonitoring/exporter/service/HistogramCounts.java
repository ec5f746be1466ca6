package dev.perfmonitoring.exporter.service;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import java.util.Arrays;
import java.util.Map;

/** A classic histogram's state: per-bucket counts (the last bucket is {@code +Inf}) and the sum. Not thread-safe. */
final class HistogramCounts {

    private final double[] upperBounds;
    private final long[] bucketCounts;
    private double sum;

    /** @param upperBounds finite, increasing bucket upper bounds; {@code +Inf} is added */
    HistogramCounts(double[] upperBounds) {
        this.upperBounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        this.upperBounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        this.bucketCounts = new long[this.upperBounds.length];
    }

    /** Counts a value in the first bucket whose upper bound is at or above it ({@code le}). */
    void observe(double value) {
        int bucket = 0;
        while (value > upperBounds[bucket]) {
            bucket++;
        }
        bucketCounts[bucket]++;
        sum += value;
    }

    /**
     * Adds the observations of a histogram pushed earlier. Each of this histogram's buckets receives the pushed count
     * at the largest pushed bound not above its own, so equal bounds (the normal case) carry over exactly and other
     * layouts never count an observation below a bound it may exceed; {@code +Inf}, count and sum are exact.
     */
    void add(PushedGroup.Histogram pushed) {
        long previousCumulative = 0;
        for (int bucket = 0; bucket < upperBounds.length; bucket++) {
            long cumulative;
            if (bucket == upperBounds.length - 1) {
                cumulative = pushed.count();
            } else {
                Map.Entry<Double, Long> atOrBelow = pushed.cumulativeCounts().floorEntry(upperBounds[bucket]);
                cumulative = atOrBelow == null ? 0 : atOrBelow.getValue();
            }
            cumulative = Math.max(cumulative, previousCumulative);
            bucketCounts[bucket] += cumulative - previousCumulative;
            previousCumulative = cumulative;
        }
        sum += pushed.sum();
    }

    HistogramDataPointSnapshot snapshot() {
        return HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, bucketCounts.clone()))
                .sum(sum)
                .build();
    }
}
