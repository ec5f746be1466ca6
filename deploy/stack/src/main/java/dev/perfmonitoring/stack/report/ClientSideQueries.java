package dev.perfmonitoring.stack.report;

/**
 * The load generator's own view of a run, from what k6 (or perf-stack's runner, in k6's shape) writes to Prometheus
 * by remote write: requests and failures from the {@code k6_http_reqs_total} counter, latency from the
 * {@code k6_http_req_duration_seconds} native histogram, per request name ({@code name}).
 */
final class ClientSideQueries {

    private ClientSideQueries() {
    }

    /** A quantile of the request duration over a sliding window, e.g. for a chart. */
    static String windowedQuantile(String quantile, String selector, String window) {
        return "histogram_quantile(" + quantile + ", sum(rate(k6_http_req_duration_seconds{" + selector + "}[" + window
                + "])))";
    }

    /** A quantile of every request of the run: the histogram's increase over the whole window. */
    static String runQuantile(String quantile, String selector, String window) {
        return "histogram_quantile(" + quantile + ", sum(increase(k6_http_req_duration_seconds{" + selector + "}["
                + window + "])))";
    }

    /** Requests sent during the window. */
    static String requests(String selector, String window) {
        return "sum(increase(k6_http_reqs_total{" + selector + "}[" + window + "]))";
    }

    /** The share of requests k6 counts as failed ({@code expected_response="false"}), from counts. */
    static String failureShare(String selector, String window) {
        String all = requests(selector, window);
        return "(sum(increase(k6_http_reqs_total{" + selector + ", expected_response=\"false\"}[" + window
                + "])) or 0 * " + all + ") / " + all;
    }
}
