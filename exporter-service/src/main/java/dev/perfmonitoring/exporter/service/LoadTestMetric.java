package dev.perfmonitoring.exporter.service;

/**
 * The metrics pushed for each test run, under the original exporter's names so existing dashboards keep working, with
 * the original exporter's arithmetic (a request's value is set, or added for /updateTotal, as sent). Gauges are
 * gauges as in the original (so no {@code _total} suffix is added); the histograms are in seconds. The HELP texts say
 * what the numbers are for the load tool that sends them: the concurrency controller sends running totals.
 */
public enum LoadTestMetric {

    TOTAL_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_requests_made",
            "Requests made as the load tool last reported them (POST /addBatchWise total, POST /pushMetrics total). "
                    + "The concurrency controller sends its running total for the whole run: the run's requests so far."),
    SUCCESSFUL_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_successful_requests_made",
            "Successful requests as the load tool last reported them (POST /addBatchWise success, POST /pushMetrics "
                    + "total - failed). The concurrency controller sends its running total for the whole run."),
    FAILED_REQUESTS(Kind.LATEST_VALUE, "Loadtests_total_failed_requests_made",
            "Failed requests as the load tool last reported them (POST /addBatchWise failed, POST /pushMetrics failed). "
                    + "The concurrency controller sends its running total for the whole run."),
    OVERALL_REQUESTS(Kind.RUNNING_SUM, "Loadtests_total_overall_requests_made",
            "Sum of every POST /updateTotal totalReq of the run. The concurrency controller sends its running total "
                    + "after each batch, so with it this is a sum of running totals, not a request count."),
    BATCH_AVERAGE_TIME(Kind.HISTOGRAM, "Loadtests_avgtime_taken_by_batch",
            "POST /updateAvgTime time, sent in milliseconds, observed in seconds. The concurrency controller sends the "
                    + "running sum of its batches' dispatch times (starting each batch's requests), not a latency.",
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30),
    RUN_TIME(Kind.HISTOGRAM, "Loadtests_test_run_time",
            "Duration of a test run in seconds, one observation per POST /updateTime (the concurrency controller "
                    + "sends it once, at the end of the run).",
            1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800),
    AVERAGE_LATENCY(Kind.LATEST_VALUE, "Loadtests_avg_latency_achieved",
            "Average request latency in seconds, as the controller last reported it (POST /pushMetrics latency)."),
    CURRENT_RPS(Kind.LATEST_VALUE, "Loadtests_current_rps",
            "Requests per second the controller last reported driving (POST /pushMetrics RPS).");

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
