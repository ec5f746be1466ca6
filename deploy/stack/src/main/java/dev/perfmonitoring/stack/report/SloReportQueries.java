package dev.perfmonitoring.stack.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link SloReport}, every query evaluated at the same instant so it can be reproduced query by query:
 * calls, 5xx share and the p50/p95/p99 of all the window's requests from demo-api's counters and histogram buckets
 * (like k6's end-of-test thresholds, warm-up included); each endpoint's threshold from the chart's
 * {@code slo:latency_threshold:seconds} recording rule and the worst 1-minute p95 from
 * {@code job_method_path:http_request_duration_seconds:p95_rate1m}. An endpoint passes when the window's p95 is at or
 * under its threshold; since thresholds are bucket boundaries, that is exactly "at least 95 % of the requests were
 * faster than the threshold". Each column is queried once for every endpoint; each cell carries the same query
 * narrowed to its endpoint, which returns the same number.
 *
 * <p>The window is cut to demo-api's scrapes: it reaches back to the last scrape at or before the run's start and ends
 * at the last scrape that found demo-api up at or before the evaluation time, one millisecond wider so the first of
 * them is inside the range on every Prometheus version. The range then holds each counter's value from before the
 * first request (demo-api registers its series at zero) to after the last, and {@code increase()} has nothing to
 * extrapolate: the calls are exact, and a burst that ends before the next scrape (a short run's creates) is counted.
 * With several demo-api targets, scraped at different moments, {@code increase()} extrapolates the others by less than
 * a scrape interval; over counters that did not start at zero (a demo-api that served earlier runs) it extrapolates
 * that millisecond.
 */
public final class SloReportQueries {

    /** The columns of the report, as PromQL over a selector, a window and a grouping. */
    public enum Column {
        CALLS("calls") {
            @Override
            String promql(String selector, String window, String by) {
                return "sum" + by + "(increase(http_requests_total{" + selector + "}[" + window + "]))";
            }
        },
        ERROR_RATIO("5xx share") {
            @Override
            String promql(String selector, String window, String by) {
                String all = "sum" + by + "(increase(http_requests_total{" + selector + "}[" + window + "]))";
                return "(sum" + by + "(increase(http_requests_total{" + selector + ", code=~\"5..\"}[" + window
                        + "])) or 0 * " + all + ") / " + all;
            }
        },
        P50("p50") {
            @Override
            String promql(String selector, String window, String by) {
                return quantile("0.5", selector, window, by);
            }
        },
        P95("p95") {
            @Override
            String promql(String selector, String window, String by) {
                return quantile("0.95", selector, window, by);
            }
        },
        P99("p99") {
            @Override
            String promql(String selector, String window, String by) {
                return quantile("0.99", selector, window, by);
            }
        },
        WORST_MINUTE_P95("worst 1m p95") {
            @Override
            String promql(String selector, String window, String by) {
                return "max" + by + "(max_over_time(job_method_path:http_request_duration_seconds:p95_rate1m{"
                        + selector + "}[" + window + "]))";
            }
        },
        THRESHOLD("SLO threshold") {
            @Override
            String promql(String selector, String window, String by) {
                return "max" + by + "(slo:latency_threshold:seconds{" + selector + "})";
            }
        };

        private final String title;

        Column(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        abstract String promql(String selector, String window, String by);

        private static String quantile(String quantile, String selector, String window, String by) {
            String buckets = by.isEmpty() ? " by (le) " : by.replace(")", ", le)");
            return "histogram_quantile(" + quantile + ", sum" + buckets + "(increase(http_request_duration_seconds_bucket{"
                    + selector + "}[" + window + "])))";
        }
    }

    private static final String BY_ENDPOINT = " by (method, path) ";

    private final PrometheusClient prometheus;
    private final String job;

    public SloReportQueries(PrometheusClient prometheus, String job) {
        this.prometheus = prometheus;
        this.job = job;
    }

    /** The PromQL of each column for every endpoint at once, over {@code window}; each series is one endpoint. */
    public Map<Column, String> queries(Duration window) {
        Map<Column, String> queries = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            queries.put(column, column.promql(jobSelector(), range(window), BY_ENDPOINT));
        }
        return queries;
    }

    /** The PromQL of one cell: the column's query narrowed to one endpoint. */
    public String cellQuery(Column column, String method, String path, Duration window) {
        return column.promql(jobSelector() + ", method=\"" + method + "\", path=\"" + path + "\"", range(window), "");
    }

    /** The 5xx share over every endpoint. */
    public String overallErrorRatioQuery(Duration window) {
        return Column.ERROR_RATIO.promql(jobSelector(), range(window), "");
    }

    /** The exporter's pushed series of a run (histogram buckets left out). */
    public static String exporterQuery(String testid) {
        return "{__name__=~\"Loadtests_.+\",__name__!~\".+_bucket\",testid=\"" + testid + "\"}";
    }

    /**
     * The report of the requests demo-api served from {@code from} to {@code to}, the window cut to its scrapes;
     * {@code testid} (may be empty) selects the exporter's series.
     *
     * @throws dev.perfmonitoring.stack.prometheus.PrometheusUnreachableException when Prometheus does not answer
     */
    public SloReport report(Instant from, Instant to, String testid, double maxServerErrorRatio) {
        Instant at = lastAnsweredScrape(from, to).orElse(to);
        Instant first = lastScrapeOfEveryTarget(from).filter(scrape -> scrape.isBefore(at)).orElse(from);
        return reportOver(at, Duration.between(first, at).plusMillis(1), testid, maxServerErrorRatio);
    }

    private SloReport reportOver(Instant at, Duration window, String testid, double maxServerErrorRatio) {
        Map<Column, Map<Endpoint, Double>> columns = new HashMap<>();
        queries(window).forEach((column, promql) -> columns.put(column, byEndpoint(prometheus.query(promql, at))));
        TreeSet<Endpoint> endpoints = new TreeSet<>(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        endpoints.addAll(columns.get(Column.CALLS).keySet());
        endpoints.addAll(columns.get(Column.THRESHOLD).keySet());
        List<EndpointVerdict> lines = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Map<Column, Measurement> cells = new HashMap<>();
            for (Column column : Column.values()) {
                Double value = columns.get(column).get(endpoint);
                cells.put(column, new Measurement(value == null ? Double.NaN : value,
                        cellQuery(column, endpoint.method(), endpoint.path(), window), at));
            }
            lines.add(new EndpointVerdict(endpoint.method(), endpoint.path(), cells.get(Column.CALLS),
                    cells.get(Column.ERROR_RATIO), cells.get(Column.P50), cells.get(Column.P95), cells.get(Column.P99),
                    cells.get(Column.WORST_MINUTE_P95), cells.get(Column.THRESHOLD), verdict(cells)));
        }
        String overall = overallErrorRatioQuery(window);
        List<Sample> overallRatio = prometheus.query(overall, at);
        Measurement serverErrorRatio = overallRatio.isEmpty() ? Measurement.absent(overall, at)
                : new Measurement(overallRatio.get(0).value(), overall, at);
        Map<String, Measurement> exporter = new TreeMap<>();
        if (!testid.isEmpty()) {
            for (Sample sample : prometheus.query(exporterQuery(testid), at)) {
                String name = sample.label("__name__");
                String query = "sum(" + name + "{testid=\"" + testid + "\"})";
                exporter.merge(name, new Measurement(sample.value(), query, at),
                        (first, second) -> new Measurement(first.value() + second.value(), query, at));
            }
        }
        return new SloReport(at, window, lines, serverErrorRatio, maxServerErrorRatio, exporter);
    }

    private static EndpointVerdict.Verdict verdict(Map<Column, Measurement> cells) {
        Measurement threshold = cells.get(Column.THRESHOLD);
        if (!threshold.isPresent()) {
            return EndpointVerdict.Verdict.NO_SLO;
        }
        Measurement p95 = cells.get(Column.P95);
        if (cells.get(Column.CALLS).orElse(0) == 0 || !p95.isPresent()) {
            return EndpointVerdict.Verdict.NO_TRAFFIC;
        }
        return p95.value() <= threshold.value() ? EndpointVerdict.Verdict.PASS : EndpointVerdict.Verdict.FAIL;
    }

    /**
     * The time of demo-api's last answered scrape ({@code up} 1) from {@code from} to {@code to}, the latest over its
     * targets. A scrape that found demo-api down (stopped, or a new process still starting) holds none of its counters:
     * a window ending there would make {@code increase()} extrapolate the last counter samples to it.
     */
    private Optional<Instant> lastAnsweredScrape(Instant from, Instant to) {
        String scrapes = "up{" + jobSelector() + "}[" + Math.max(1, Duration.between(from, to).toMillis()) + "ms]";
        Instant last = null;
        for (JsonNode target : prometheus.instant(scrapes, to).path("result")) {
            for (JsonNode sample : target.path("values")) {
                Instant time = Instant.ofEpochMilli(Math.round(sample.get(0).asDouble() * 1000));
                if ("1".equals(sample.get(1).asText()) && (last == null || time.isAfter(last))) {
                    last = time;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** The earliest over demo-api's targets of each one's last scrape at or before {@code time}. */
    private Optional<Instant> lastScrapeOfEveryTarget(Instant time) {
        List<Sample> scrape = prometheus.query("min(timestamp(up{" + jobSelector() + "}))", time);
        return scrape.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(Math.round(scrape.get(0).value() * 1000)));
    }

    private String jobSelector() {
        return "job=\"" + job + "\"";
    }

    /** A PromQL range: whole seconds when it is, else milliseconds. */
    private static String range(Duration window) {
        return window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms";
    }

    private static Map<Endpoint, Double> byEndpoint(List<Sample> samples) {
        Map<Endpoint, Double> values = new HashMap<>();
        samples.forEach(sample -> values.put(new Endpoint(sample.label("method"), sample.label("path")), sample.value()));
        return values;
    }

    private record Endpoint(String method, String path) {
    }
}
