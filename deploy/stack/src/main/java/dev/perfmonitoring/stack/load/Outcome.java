package dev.perfmonitoring.stack.load;

/**
 * What one request of a scenario ended with.
 *
 * @param status       HTTP status, or 0 when no response arrived
 * @param latencyNanos time from sending to the complete response
 * @param failed       whether the scenario counts it as a failure (k6's {@code http_req_failed})
 */
public record Outcome(int status, long latencyNanos, boolean failed) {
}
