package dev.perfmonitoring.localstack.report;

import dev.perfmonitoring.localstack.PrometheusClient;
import dev.perfmonitoring.localstack.PrometheusClient.Sample;
import java.io.IOException;
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
 * Builds the {@link SloReport} from the chart's recording rules (see the rules contract in the chart's README):
 * latency quantiles and the p95-under-threshold verdict from the rules, calls and 5xx share from the raw counters,
 * every query evaluated at the same instant so the report can be reproduced query by query.
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
        for (String quantile : List.of("p50", "p95", "p99")) {
            queries.put(quantile, "max by (method, path) (max_over_time(job_method_path:http_request_duration_seconds:"
                    + quantile + "_rate1m" + selector + "[" + w + "]))");
        }
        queries.put("threshold", "max by (method, path) (slo:latency_threshold:seconds" + selector + ")");
        queries.put("verdict", "min by (method, path) (min_over_time(job_method_path:slo_latency_p95_under_threshold:bool"
                + selector + "[" + w + "]))");
        return queries;
    }

    /** The exporter's pushed series of a run (histogram buckets left out). */
    public static String exporterQuery(String testid) {
        return "{__name__=~\"Loadtests_.+\",__name__!~\".+_bucket\",testid=\"" + testid + "\"}";
    }

    public SloReport report(Instant at, Duration window, String testid, double maxServerErrorRatio)
            throws IOException, InterruptedException {
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
                    optional(columns.get("p99"), endpoint), optional(columns.get("threshold"), endpoint),
                    verdict(columns, endpoint)));
        }
        Map<String, Double> exporter = new TreeMap<>();
        for (Sample sample : prometheus.query(exporterQuery(testid), at)) {
            exporter.merge(sample.label("__name__"), sample.value(), Double::sum);
        }
        return new SloReport(at, window, lines, calls == 0 ? 0 : errors / calls, maxServerErrorRatio, exporter);
    }

    private static EndpointVerdict.Verdict verdict(Map<String, Map<Endpoint, Double>> columns, Endpoint endpoint) {
        if (!columns.get("threshold").containsKey(endpoint)) {
            return EndpointVerdict.Verdict.NO_SLO;
        }
        Double underThreshold = columns.get("verdict").get(endpoint);
        if (underThreshold == null) {
            return EndpointVerdict.Verdict.NO_DATA;
        }
        return underThreshold == 1.0 ? EndpointVerdict.Verdict.PASS : EndpointVerdict.Verdict.FAIL;
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
