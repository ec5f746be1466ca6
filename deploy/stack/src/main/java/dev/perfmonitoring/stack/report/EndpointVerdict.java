package dev.perfmonitoring.stack.report;

/**
 * One demo-api endpoint's line of the SLO report; every number with the query that produced it.
 *
 * @param method           HTTP method
 * @param path             route template
 * @param calls            requests during the run window ({@code increase} of {@code http_requests_total})
 * @param serverErrorRatio share of 5xx responses during the window
 * @param p50              median latency of every request of the window (from the histogram's bucket increases), seconds
 * @param p95              95th percentile of the window, seconds
 * @param p99              99th percentile of the window, seconds
 * @param worstMinuteP95   the highest value the p95 recording rule (over 1m) took during the window, seconds
 * @param threshold        the endpoint's latency SLO threshold in seconds (the {@code slo:latency_threshold:seconds}
 *                         rule), when it has one
 * @param verdict          the latency SLO verdict
 */
public record EndpointVerdict(String method, String path, Measurement calls, Measurement serverErrorRatio,
        Measurement p50, Measurement p95, Measurement p99, Measurement worstMinuteP95, Measurement threshold,
        Verdict verdict) {

    /** {@code METHOD PATH}, e.g. {@code GET /person/{id}}: the request name k6 and the load runner use. */
    public String endpoint() {
        return method + " " + path;
    }

    /** An endpoint's verdict. */
    public enum Verdict {
        /** The window's p95 is at or under the threshold (at least 95 % of its requests were faster). */
        PASS,
        /** The window's p95 is over the threshold. */
        FAIL,
        /** The endpoint has a threshold but had no requests in the window: nothing to judge. */
        NO_TRAFFIC,
        /** The endpoint had requests but no SLO threshold. */
        NO_SLO;

        boolean failsTheRun() {
            return this == FAIL;
        }
    }
}
