package dev.perfmonitoring.stack.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The charts of a run over its window, each series a range query: per endpoint the latency quantiles of the
 * recording rules with the SLO threshold (and the load generator's own p95 of that request name when it wrote any),
 * request rates, 5xx shares, requests in flight with the load generator's VUs, demo-api's CPU and memory, and the
 * exporter's batch results of the run.
 */
final class RunPlots {

    /** At most this many points per series. */
    static final int MAX_POINTS = 400;

    private final PrometheusClient prometheus;
    private final String job;

    RunPlots(PrometheusClient prometheus, String job) {
        this.prometheus = prometheus;
        this.job = job;
    }

    /** The step of a window's charts: whole seconds, at least 5 s (the local stack's scrape interval). */
    static Duration step(Duration window) {
        return Duration.ofSeconds(Math.max(5, (window.toSeconds() + MAX_POINTS - 1) / MAX_POINTS));
    }

    List<Plot> plots(String testid, Instant start, Instant end, List<EndpointVerdict> endpoints) {
        Grid grid = new Grid(start, end, step(Duration.between(start, end)));
        String jobSelector = "job=\"" + job + "\"";
        String run = "testid=\"" + testid + "\"";
        List<Plot> plots = new ArrayList<>();
        for (EndpointVerdict endpoint : endpoints) {
            String selector = jobSelector + ", method=\"" + endpoint.method() + "\", path=\"" + endpoint.path() + "\"";
            List<Plot.Series> series = new ArrayList<>();
            for (String quantile : List.of("p50", "p95", "p99")) {
                series.add(series(grid, "server " + quantile,
                        "max(job_method_path:http_request_duration_seconds:" + quantile + "_rate1m{" + selector + "})",
                        Plot.Role.CURRENT));
            }
            series.add(series(grid, "client p95 (load generator)", ClientSideQueries.windowedQuantile("0.95",
                    run + ", name=\"" + endpoint.endpoint() + "\"", "1m"), Plot.Role.CURRENT));
            series.add(series(grid, "SLO threshold", "max(slo:latency_threshold:seconds{" + selector + "})",
                    Plot.Role.THRESHOLD));
            plots.add(new Plot("latency-" + slug(endpoint.endpoint()), "Latency of " + endpoint.endpoint(), "s",
                    grid.seconds(), series));
        }
        plots.add(perEndpoint(grid, "request-rate", "Request rate per endpoint", "req/s", endpoints,
                selector -> "sum(job_method_path:http_requests:rate1m{" + selector + "})"));
        plots.add(perEndpoint(grid, "error-share", "5xx share per endpoint", "ratio", endpoints,
                selector -> "max(job_method_path:http_requests_5xx:ratio_rate1m{" + selector + "})"));
        plots.add(new Plot("concurrency", "Requests in flight and load generator VUs", "", grid.seconds(), List.of(
                series(grid, "demo-api requests in flight", "sum(http_requests_in_progress{" + jobSelector + "})",
                        Plot.Role.CURRENT),
                series(grid, "load generator VUs", "sum(k6_vus{" + run + "})", Plot.Role.CURRENT))));
        plots.add(new Plot("cpu", "demo-api CPU", "%", grid.seconds(), List.of(
                series(grid, "CPU", "max(app_cpu_usage_percent{" + jobSelector + "})", Plot.Role.CURRENT))));
        plots.add(new Plot("memory", "demo-api memory", "MiB", grid.seconds(), List.of(
                series(grid, "memory", "max(app_memory_usage_megabytes{" + jobSelector + "})", Plot.Role.CURRENT))));
        plots.add(new Plot("exporter", "Exporter batch results of the run (Pushgateway)", "", grid.seconds(), List.of(
                series(grid, "overall requests made", "sum(Loadtests_total_overall_requests_made{" + run + "})",
                        Plot.Role.CURRENT),
                series(grid, "requests made (last batch)", "sum(Loadtests_total_requests_made{" + run + "})",
                        Plot.Role.CURRENT),
                series(grid, "failed (last batch)", "sum(Loadtests_total_requests_failed{" + run + "})",
                        Plot.Role.CURRENT))));
        return plots;
    }

    private Plot perEndpoint(Grid grid, String id, String title, String unit, List<EndpointVerdict> endpoints,
            UnaryOperator<String> query) {
        List<Plot.Series> series = new ArrayList<>();
        for (EndpointVerdict endpoint : endpoints) {
            series.add(series(grid, endpoint.endpoint(), query.apply("job=\"" + job + "\", method=\""
                    + endpoint.method() + "\", path=\"" + endpoint.path() + "\""), Plot.Role.CURRENT));
        }
        return new Plot(id, title, unit, grid.seconds(), series);
    }

    private Plot.Series series(Grid grid, String label, String promql, Plot.Role role) {
        JsonNode data = prometheus.range(promql, grid.start(), grid.end(), grid.step());
        Double[] values = new Double[grid.points()];
        for (JsonNode matrix : data.path("result")) {
            for (JsonNode point : matrix.path("values")) {
                int index = grid.index(point.get(0).asDouble());
                double value = Double.parseDouble(point.get(1).asText());
                if (index >= 0 && index < values.length && Double.isFinite(value)) {
                    values[index] = value;
                }
            }
        }
        return new Plot.Series(label, promql, role, Arrays.asList(values));
    }

    static String slug(String endpoint) {
        return endpoint.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The points of a window, every {@code step} from its start. */
    private record Grid(Instant start, Instant end, Duration step) {

        int points() {
            return (int) (Duration.between(start, end).toSeconds() / step.toSeconds()) + 1;
        }

        List<Double> seconds() {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < points(); i++) {
                seconds.add((double) i * step.toSeconds());
            }
            return seconds;
        }

        int index(double epochSeconds) {
            return (int) Math.round((epochSeconds - start.toEpochMilli() / 1000.0) / step.toSeconds());
        }
    }
}
