package dev.perfmonitoring.stack.report;

import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link SloReport}, every query evaluated at the same instant so it can be reproduced query by query:
 * calls, 5xx share and the p50/p95/p99 of all the window's requests from demo-api's counters and histogram buckets
 * (like k6's end-of-test thresholds, warm-up included); each endpoint's threshold from the chart's
 * {@code slo:latency_threshold:seconds} recording rule and the worst 1-minute p95 from
 * {@code job_method_path:http_request_duration_seconds:p95_rate1m}. An endpoint passes when the window's p95 is at or
 * under its threshold; since thresholds are bucket boundaries, that is exactly "at least 95 % of the requests were
 * faster than the threshold".
 */
public final class SloReportQueries {

    private final PrometheusClient prometheus;
    private final String job;

    public SloReportQueries(PrometheusClient prometheus, String job) {
        this.prometheus = prometheus;
        this.job = job;
    }

    /** The PromQL of each report column, for the given window; the test re-runs these to check the report. */
    public Map<String, String> queries(Duration window) {
        String w = window.toSeconds() + "s";
        String selector = "{job=\"" + job + "\"}";
        Map<String, String> queries = new TreeMap<>();
        queries.put("calls", "sum by (method, path) (increase(http_requests_total" + selector + "[" + w + "]))");
        queries.put("errors5xx", "sum by (method, path) (increase(http_requests_total{job=\"" + job
                + "\",code=~\"5..\"}[" + w + "]))");
        for (String quantile : List.of("0.50", "0.95", "0.99")) {
            queries.put("p" + quantile.substring(2), "histogram_quantile(" + quantile + ", sum by (method, path, le) "
                    + "(increase(http_request_duration_seconds_bucket" + selector + "[" + w + "])))");
        }
        queries.put("worstMinuteP95", "max by (method, path) (max_over_time("
                + "job_method_path:http_request_duration_seconds:p95_rate1m" + selector + "[" + w + "]))");
        queries.put("threshold", "max by (method, path) (slo:latency_threshold:seconds" + selector + ")");
        return queries;
    }

    /** The exporter's pushed series of a run (histogram buckets left out). */
    public static String exporterQuery(String testid) {
        return "{__name__=~\"Loadtests_.+\",__name__!~\".+_bucket\",testid=\"" + testid + "\"}";
    }

    public SloReport report(Instant at, Duration window, String testid, double maxServerErrorRatio) {
        Map<String, String> queries = queries(window);
        Map<String, Map<Endpoint, Double>> columns = new HashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            columns.put(query.getKey(), byEndpoint(prometheus.query(query.getValue(), at)));
        }
        TreeSet<Endpoint> endpoints = new TreeSet<>(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        endpoints.addAll(columns.get("calls").keySet());
        endpoints.addAll(columns.get("threshold").keySet());
        List<EndpointVerdict> lines = new ArrayList<>();
        double calls = 0;
        double errors = 0;
        for (Endpoint endpoint : endpoints) {
            double endpointCalls = columns.get("calls").getOrDefault(endpoint, 0.0);
            double endpointErrors = columns.get("errors5xx").getOrDefault(endpoint, 0.0);
            calls += endpointCalls;
            errors += endpointErrors;
            lines.add(new EndpointVerdict(endpoint.method(), endpoint.path(), endpointCalls,
                    endpointCalls == 0 ? 0 : endpointErrors / endpointCalls,
                    optional(columns.get("p50"), endpoint), optional(columns.get("p95"), endpoint),
                    optional(columns.get("p99"), endpoint), optional(columns.get("worstMinuteP95"), endpoint),
                    optional(columns.get("threshold"), endpoint), verdict(columns, endpoint, endpointCalls)));
        }
        Map<String, Double> exporter = new TreeMap<>();
        if (!testid.isEmpty()) {
            for (Sample sample : prometheus.query(exporterQuery(testid), at)) {
                exporter.merge(sample.label("__name__"), sample.value(), Double::sum);
            }
        }
        return new SloReport(at, window, lines, calls == 0 ? 0 : errors / calls, maxServerErrorRatio, exporter);
    }

    private static EndpointVerdict.Verdict verdict(Map<String, Map<Endpoint, Double>> columns, Endpoint endpoint,
            double calls) {
        Double threshold = columns.get("threshold").get(endpoint);
        if (threshold == null) {
            return EndpointVerdict.Verdict.NO_SLO;
        }
        Double p95 = columns.get("p95").get(endpoint);
        if (calls == 0 || p95 == null || p95.isNaN()) {
            return EndpointVerdict.Verdict.NO_TRAFFIC;
        }
        return p95 <= threshold ? EndpointVerdict.Verdict.PASS : EndpointVerdict.Verdict.FAIL;
    }

    private static OptionalDouble optional(Map<Endpoint, Double> column, Endpoint endpoint) {
        Double value = column.get(endpoint);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static Map<Endpoint, Double> byEndpoint(List<Sample> samples) {
        Map<Endpoint, Double> values = new HashMap<>();
        samples.forEach(sample -> values.put(new Endpoint(sample.label("method"), sample.label("path")), sample.value()));
        return values;
    }

    private record Endpoint(String method, String path) {
    }
}
