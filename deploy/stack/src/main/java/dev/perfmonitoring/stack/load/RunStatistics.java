package dev.perfmonitoring.stack.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the whole run (for the progress line) and of the current batch (for the exporter), updated by every
 * scenario thread without locking.
 */
final class RunStatistics {

    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder batchRequests = new LongAdder();
    private final LongAdder batchFailures = new LongAdder();
    private final LongAdder batchLatencyNanos = new LongAdder();

    void record(Outcome outcome) {
        requests.increment();
        batchRequests.increment();
        batchLatencyNanos.add(outcome.latencyNanos());
        if (outcome.failed()) {
            failures.increment();
            batchFailures.increment();
        }
    }

    /** An arrival-rate iteration that found every VU busy (k6's {@code dropped_iterations}). */
    void recordDropped() {
        dropped.increment();
    }

    long requests() {
        return requests.sum();
    }

    long failures() {
        return failures.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    /** The requests since the previous call, which starts the next batch. */
    Batch takeBatch() {
        long total = batchRequests.sumThenReset();
        long failed = batchFailures.sumThenReset();
        long latency = batchLatencyNanos.sumThenReset();
        return new Batch(total, failed, total == 0 ? 0 : latency / 1e6 / total);
    }

    /**
     * One batch as the concurrency controller reported it.
     *
     * @param total        requests in the batch
     * @param failed       failed requests in the batch
     * @param avgMillis    mean latency of the batch, in milliseconds
     */
    record Batch(long total, long failed, double avgMillis) {
        long success() {
            return total - failed;
        }
    }
}
