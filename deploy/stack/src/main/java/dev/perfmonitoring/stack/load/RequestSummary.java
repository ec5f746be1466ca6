package dev.perfmonitoring.stack.load;

/**
 * One request name as the client saw it over a run. Latencies are from sending the request to the complete response,
 * in milliseconds, NaN when there was no request.
 *
 * @param request           the request name (k6's {@code tags.name})
 * @param count             requests sent
 * @param failures          of those, failed (unexpected status or no response)
 * @param droppedIterations iterations of its scenario that never started (k6's {@code dropped_iterations})
 * @param p50Millis         median latency
 * @param p95Millis         95th percentile latency
 * @param p99Millis         99th percentile latency
 * @param maxMillis         slowest request
 */
public record RequestSummary(String request, long count, long failures, long droppedIterations, double p50Millis,
        double p95Millis, double p99Millis, double maxMillis) {
}
