package dev.perfmonitoring.stack.report;

/**
 * One request name's line of the client-side report: what a load generator (k6, or perf-stack's runner) saw and sent
 * by remote write for a run; every number with the query that produced it.
 *
 * @param generator      {@code k6}, or the series' {@code runner} label ({@code perf-stack})
 * @param request        the request name ("METHOD path", k6's {@code name} tag)
 * @param calls          requests of the run (the last value of every {@code k6_http_reqs_total} series)
 * @param failedRatio    share of them that failed ({@code expected_response="false"}), from counts
 * @param p50            median of the run's requests (native histogram {@code k6_http_req_duration_seconds}), s
 * @param p95            95th percentile of the run's requests, seconds
 * @param p99            99th percentile of the run's requests, seconds
 * @param worstMinuteP95 the highest p95 over a 1-minute window during the run, seconds
 * @param threshold      the endpoint's latency SLO threshold ({@code slo:latency_threshold:seconds}), when it has one
 * @param errorBudget    1 - the endpoint's objective ({@code slo:success_ratio_target:ratio}), when it has one
 * @param verdict        what k6's thresholds from the chart would decide: p(95) within the threshold and the failed
 *                       share within the error budget
 */
public record ClientSideLine(String generator, String request, Measurement calls, Measurement failedRatio,
        Measurement p50, Measurement p95, Measurement p99, Measurement worstMinuteP95, Measurement threshold,
        Measurement errorBudget, EndpointVerdict.Verdict verdict) {
}
