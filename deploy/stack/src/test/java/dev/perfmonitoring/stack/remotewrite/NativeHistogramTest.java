package dev.perfmonitoring.stack.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runner's native histograms bucket like k6's (a Prometheus Go client histogram with bucket factor 1.1: schema 3,
 * zero threshold 2^-128), and encode their buckets as client_golang's {@code makeBuckets} does.
 */
class NativeHistogramTest {

    @ParameterizedTest(name = "{0} s in bucket {1}")
    @CsvSource({
        // bucket i holds (2^((i-1)/8), 2^(i/8)]: a power of two is the upper bound of its bucket
        "1.0, 0", "2.0, 8", "0.5, -8", "0.25, -16",
        // 2^(1/8) as client_golang's bound table has it (0.5452538663326288 * 2) is bucket 1's upper bound
        "1.0905077326652577, 1", "1.0905077326652580, 2", "1.0000000000000002, 1",
        // ceil(8 * log2(v)) away from bounds
        "0.2, -18", "0.3, -13", "0.05, -34", "10.0, 27"})
    void bucketsAValueAsTheGoClientDoes(double seconds, int bucket) {
        assertThat(NativeHistogram.bucketKey(seconds)).isEqualTo(bucket);
    }

    @Test
    void bucketBoundsAreSchemaThreePowersOfTwo() {
        for (int key = -40; key <= 30; key++) {
            double upper = Math.pow(2, key / 8.0);
            assertThat(NativeHistogram.bucketKey(upper * (1 - 1e-12))).as("just under 2^(%d/8)", key).isEqualTo(key);
            assertThat(NativeHistogram.bucketKey(upper * (1 + 1e-12))).as("just over 2^(%d/8)", key).isEqualTo(key + 1);
        }
    }

    @Test
    void spansFillGapsOfUpToTwoBucketsAndStartANewSpanAfterLongerGaps() {
        NativeHistogram histogram = new NativeHistogram();
        observe(histogram, 1.0, 3);          // bucket 0
        observe(histogram, 1.05, 1);         // bucket 1
        observe(histogram, 1.25, 2);         // bucket 3: a gap of one bucket, filled
        observe(histogram, 2.1, 5);          // bucket 9: a gap of five buckets, a new span
        observe(histogram, 0.0, 2);          // the zero bucket

        HistogramSample sample = histogram.snapshot(1234);

        assertThat(sample.count()).isEqualTo(13);
        assertThat(sample.sum()).isEqualTo(3 * 1.0 + 1.05 + 2 * 1.25 + 5 * 2.1);
        assertThat(sample.schema()).isEqualTo(3);
        assertThat(sample.zeroThreshold()).isEqualTo(Math.pow(2, -128));
        assertThat(sample.zeroCount()).isEqualTo(2);
        assertThat(sample.positiveSpans()).containsExactly(new BucketSpan(0, 4), new BucketSpan(5, 1));
        // counts 3, 1, 0, 2, 5 as deltas to the previous bucket
        assertThat(sample.positiveDeltas()).containsExactly(3L, -2L, -1L, 2L, 3L);
        assertThat(sample.timestampMillis()).isEqualTo(1234);
    }

    @Test
    void theFirstSpanStartsAtItsBucketIndexAndNegativeIndicesWork() {
        NativeHistogram histogram = new NativeHistogram();
        observe(histogram, 0.2, 4);          // bucket -18
        observe(histogram, 0.21, 1);         // bucket -18 too: 8 * log2(0.21) = -18.01, ceil -18
        observe(histogram, 0.3, 2);          // bucket -13: gap of four buckets

        assertThat(histogram.snapshot(0).positiveSpans()).containsExactly(new BucketSpan(-18, 1), new BucketSpan(4, 1));
        assertThat(histogram.snapshot(0).positiveDeltas()).isEqualTo(List.of(5L, -3L));
    }

    @Test
    void anEmptyHistogramHasNoSpans() {
        HistogramSample empty = new NativeHistogram().snapshot(5);

        assertThat(empty.count()).isZero();
        assertThat(empty.positiveSpans()).isEmpty();
        assertThat(empty.positiveDeltas()).isEmpty();
    }

    private static void observe(NativeHistogram histogram, double seconds, int times) {
        for (int i = 0; i < times; i++) {
            histogram.observe(seconds);
        }
    }
}
