package dev.perfmonitoring.exporter.service;

/**
 * The metrics pushed for each test run, under the original exporter's names so existing dashboards keep working.
 * Gauges are gauges as in the original (so no {@code _total} suffix is added); the histograms are in seconds.
 */
public enum LoadTestMetric {

    TOTAL_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_requests_made",
            "Requests made in the latest batch (POST /addBatchWise total, POST /pushMetrics total)."),
    SUCCESSFUL_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_successful_requests_made",
            "Successful requests of the latest batch (POST /addBatchWise success, POST /pushMetrics total - failed)."),
    FAILED_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_failed_requests_made",
            "Failed requests of the latest batch (POST /addBatchWise failed, POST /pushMetrics failed)."),
    OVERALL_REQUESTS(Kind.RUNNING_SUM, "Loadtests_total_overall_requests_made",
            "Requests made over the whole run: the sum of every POST /updateTotal totalReq."),
    BATCH_AVERAGE_TIME(Kind.HISTOGRAM, "Loadtests_avgtime_taken_by_batch",
            "Average time per request of a batch, in seconds (POST /updateAvgTime sends milliseconds).",
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30),
    RUN_TIME(Kind.HISTOGRAM, "Loadtests_test_run_time",
            "Duration of a test run, in seconds (POST /updateTime).",
            1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800),
    AVERAGE_LATENCY(Kind.LATEST_VALUE, "Loadtests_avg_latency_achieved",
            "Average request latency reported by the controller, in seconds (POST /pushMetrics latency)."),
    CURRENT_RPS(Kind.LATEST_VALUE, "Loadtests_current_rps",
            "Requests per second the controller currently drives (POST /pushMetrics RPS).");

    /** How a metric's value evolves within a run, which decides how a restarted exporter continues it. */
    public enum Kind {
        /** A gauge each request overwrites: the last value counts. */
        LATEST_VALUE,
        /** A gauge each request adds to: it only grows within a run. */
        RUNNING_SUM,
        /** A classic histogram: buckets, sum and count only grow within a run. */
        HISTOGRAM
    }

    private final Kind kind;
    private final String prometheusName;
    private final String help;
    private final double[] bucketUpperBounds;

    LoadTestMetric(Kind kind, String prometheusName, String help, double... bucketUpperBounds) {
        this.kind = kind;
        this.prometheusName = prometheusName;
        this.help = help;
        this.bucketUpperBounds = bucketUpperBounds;
    }

    public Kind kind() {
        return kind;
    }

    public String prometheusName() {
        return prometheusName;
    }

    public String help() {
        return help;
    }

    public boolean isHistogram() {
        return kind == Kind.HISTOGRAM;
    }

    /** Classic histogram bucket upper bounds without {@code +Inf}; empty for gauges. */
    public double[] bucketUpperBounds() {
        return bucketUpperBounds.clone();
    }
}
