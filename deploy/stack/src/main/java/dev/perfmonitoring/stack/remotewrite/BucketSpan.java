package dev.perfmonitoring.stack.remotewrite;

/**
 * A run of consecutive buckets of a native histogram (Prometheus's {@code prompb.BucketSpan}).
 *
 * @param offset gap to the previous span in buckets, or for the first span the index of its first bucket
 * @param length number of consecutive buckets
 */
public record BucketSpan(int offset, int length) {
}
