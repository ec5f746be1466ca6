package dev.perfmonitoring.exporter.metrics;

/**
 * The metrics pushed for each test run, under the original exporter's names so existing dashboards keep working.
 * Gauges are gauges as in the original (so no {@code _total} suffix is added); the histograms are in seconds.
 */
public enum LoadTestMetric {

    TOTAL_REQUESTS("Loadtests_total_requests_made",
            "Requests made in the latest batch (POST /addBatchWise total, POST /pushMetrics total)."),
    SUCCESSFUL_REQUESTS("Loadtests_total_successful_requests_made",
            "Successful requests of the latest batch (POST /addBatchWise success, POST /pushMetrics total - failed)."),
    FAILED_REQUESTS("Loadtests_total_failed_requests_made",
            "Failed requests of the latest batch (POST /addBatchWise failed, POST /pushMetrics failed)."),
    OVERALL_REQUESTS("Loadtests_total_overall_requests_made",
            "Requests made over the whole run: the sum of every POST /updateTotal totalReq."),
    BATCH_AVERAGE_TIME("Loadtests_avgtime_taken_by_batch",
            "Average time per request of a batch, in seconds (POST /updateAvgTime sends milliseconds).",
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30),
    RUN_TIME("Loadtests_test_run_time",
            "Duration of a test run, in seconds (POST /updateTime).",
            1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800),
    AVERAGE_LATENCY("Loadtests_avg_latency_achieved",
            "Average request latency reported by the controller, in seconds (POST /pushMetrics latency)."),
    CURRENT_RPS("Loadtests_current_rps",
            "Requests per second the controller currently drives (POST /pushMetrics RPS).");

    private final String prometheusName;
    private final String help;
    private final double[] bucketUpperBounds;

    LoadTestMetric(String prometheusName, String help, double... bucketUpperBounds) {
        this.prometheusName = prometheusName;
        this.help = help;
        this.bucketUpperBounds = bucketUpperBounds;
    }

    public String prometheusName() {
        return prometheusName;
    }

    public String help() {
        return help;
    }

    public boolean isHistogram() {
        return bucketUpperBounds.length > 0;
    }

    /** Classic histogram bucket upper bounds (the {@code +Inf} bucket is added by the client); empty for gauges. */
    public double[] bucketUpperBounds() {
        return bucketUpperBounds.clone();
    }
}
