package dev.perfmonitoring.stack.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the whole run (for the progress line), of the current batch (for the exporter) and per request name
 * (latency histograms, for the client-side table), updated by every VU thread without locking.
 */
final class RunStatistics {

    private final Map<String, RequestStatistics> byRequest = new LinkedHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder batchRequests = new LongAdder();
    private final LongAdder batchFailures = new LongAdder();
    private final LongAdder batchLatencyNanos = new LongAdder();

    /** Statistics for these request names, reported in this order. */
    RunStatistics(List<String> requestNames) {
        requestNames.forEach(name -> byRequest.putIfAbsent(name, new RequestStatistics(name)));
    }

    void record(String request, Outcome outcome) {
        requestStatistics(request).record(outcome);
        requests.increment();
        batchRequests.increment();
        batchLatencyNanos.add(outcome.latencyNanos());
        if (outcome.failed()) {
            failures.increment();
            batchFailures.increment();
        }
    }

    /** Iterations of a scenario sending {@code request} that never started (k6's {@code dropped_iterations}). */
    void recordDropped(String request, long iterations) {
        requestStatistics(request).recordDropped(iterations);
        dropped.add(iterations);
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

    /** Per request name, in the order given at construction. */
    List<RequestSummary> byRequest() {
        return byRequest.values().stream().map(RequestStatistics::summary).toList();
    }

    /** The requests since the previous call, which starts the next batch. */
    Batch takeBatch() {
        long total = batchRequests.sumThenReset();
        long failed = batchFailures.sumThenReset();
        long latency = batchLatencyNanos.sumThenReset();
        return new Batch(total, failed, total == 0 ? 0 : latency / 1e6 / total);
    }

    private RequestStatistics requestStatistics(String request) {
        RequestStatistics statistics = byRequest.get(request);
        if (statistics == null) {
            throw new IllegalArgumentException("no statistics for request " + request + ", only " + byRequest.keySet());
        }
        return statistics;
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
