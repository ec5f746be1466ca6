package dev.perfmonitoring.localstack.report;

import java.util.OptionalDouble;

/**
 * One demo-api endpoint's line of the SLO report.
 *
 * @param method           HTTP method
 * @param path             route template
 * @param calls            requests during the run window ({@code increase} of {@code http_requests_total})
 * @param serverErrorRatio share of 5xx responses during the window
 * @param p50              worst p50 the recording rule saw during the window, seconds
 * @param p95              worst p95, seconds
 * @param p99              worst p99, seconds
 * @param threshold        the endpoint's latency SLO threshold in seconds, when it has one
 * @param verdict          the latency SLO verdict
 */
public record EndpointVerdict(String method, String path, double calls, double serverErrorRatio, OptionalDouble p50,
        OptionalDouble p95, OptionalDouble p99, OptionalDouble threshold, Verdict verdict) {

    /** An endpoint's verdict. */
    public enum Verdict {
        /** p95 stayed at or under the threshold at every rule evaluation of the window. */
        PASS,
        /** p95 was over the threshold at some evaluation. */
        FAIL,
        /** The endpoint has a threshold but the rule produced nothing in the window (no traffic, or no evaluation). */
        NO_DATA,
        /** The endpoint has no SLO threshold. */
        NO_SLO;

        boolean failsTheRun() {
            return this == FAIL || this == NO_DATA;
        }
    }
}
