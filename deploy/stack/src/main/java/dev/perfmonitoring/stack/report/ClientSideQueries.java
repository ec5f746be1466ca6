package dev.perfmonitoring.stack.report;

import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link ClientSideReport} of a run from what the load generator sent by remote write in k6's shape, every
 * query at one instant: counts from the last value of each cumulative series (k6 sends a series only when it changes,
 * so a rare one, like a failure series, may have a single sample); the run's quantiles from the cumulative native
 * histogram {@code k6_http_req_duration_seconds} as it stood at the request name's last push ({@code @} that
 * instant), which holds every request of the run, as k6's thresholds see them (an increase over the window would lose
 * what the first push already held, all of a burst that ends before it); the worst p95 over 1-minute windows; and the
 * SLO threshold and objective series of the chart's rules, matched to request names ("METHOD path") by
 * {@code label_join}. A series of the name whose last push is more than Prometheus's 5-minute lookback older than the
 * name's last push (a rare status seen early in a long run) is left out of the quantiles.
 */
public final class ClientSideQueries {

    private static final String DURATION = "k6_http_req_duration_seconds";
    private static final String REQUESTS = "k6_http_reqs_total";

    private final PrometheusClient prometheus;

    public ClientSideQueries(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /** The PromQL of each column for a run and window; the tests re-run these to check the report. */
    public Map<String, String> queries(Duration window, String testid) {
        String w = window.toSeconds() + "s";
        String run = "testid=\"" + testid + "\"";
        Map<String, String> queries = new TreeMap<>();
        queries.put("calls", "sum by (runner, name) (last_over_time(" + REQUESTS + "{" + run + "}[" + w + "]))");
        queries.put("failed", "sum by (runner, name) (last_over_time(" + REQUESTS + "{" + run
                + ", expected_response=\"false\"}[" + w + "]))");
        queries.put("lastPush", "max by (runner, name) (max_over_time(timestamp(" + REQUESTS + "{" + run + "})[" + w
                + ":1s]))");
        queries.put("worstMinuteP95", "max by (runner, name) (max_over_time((histogram_quantile(0.95, sum by (runner,"
                + " name) (rate(" + DURATION + "{" + run + "}[1m]))))[" + w + ":5s]))");
        queries.put("threshold", "max by (name) (label_join(slo:latency_threshold:seconds{job=\"demo-api\"}, \"name\","
                + " \" \", \"method\", \"path\"))");
        queries.put("objective", "max by (name) (label_join(slo:success_ratio_target:ratio{job=\"demo-api\"}, \"name\","
                + " \" \", \"method\", \"path\"))");
        return queries;
    }

    /**
     * A quantile of a request name's requests over the whole run: the cumulative histogram of its series at its last
     * push ({@code lastPushSeconds}, from the {@code lastPush} query).
     */
    public static String quantileQuery(String quantile, String testid, String generator, String request,
            double lastPushSeconds) {
        String runner = generator.equals("k6") ? "" : generator;
        return String.format(Locale.ROOT, "histogram_quantile(%s, sum by (runner, name) (%s{testid=\"%s\", runner=\"%s\","
                + " name=\"%s\"} @ %.3f))", quantile, DURATION, testid, runner, request, lastPushSeconds);
    }

    /** A quantile of the request duration over a sliding window, e.g. for a chart (every generator of the run). */
    public static String windowedQuantile(String quantile, String selector, String window) {
        return "histogram_quantile(" + quantile + ", sum(rate(" + DURATION + "{" + selector + "}[" + window + "])))";
    }

    public ClientSideReport report(Instant at, Duration window, String testid) {
        Map<String, Map<Key, Double>> columns = new HashMap<>();
        for (Map.Entry<String, String> query : queries(window, testid).entrySet()) {
            Map<Key, Double> byKey = new HashMap<>();
            prometheus.query(query.getValue(), at).forEach(sample -> byKey.put(Key.of(sample), sample.value()));
            columns.put(query.getKey(), byKey);
        }
        String w = window.toSeconds() + "s";
        TreeSet<Key> keys = new TreeSet<>(Comparator.comparing(Key::generator).thenComparing(Key::request));
        keys.addAll(columns.get("calls").keySet());
        List<ClientSideLine> lines = new ArrayList<>();
        for (Key key : keys) {
            String series = key.selector(testid);
            Measurement calls = measured(columns.get("calls").get(key),
                    "sum(last_over_time(" + REQUESTS + "{" + series + "}[" + w + "]))", at);
            String all = "sum(last_over_time(" + REQUESTS + "{" + series + "}[" + w + "]))";
            Measurement failedRatio = new Measurement(columns.get("failed").getOrDefault(key, 0.0) / calls.value(),
                    "(sum(last_over_time(" + REQUESTS + "{" + series + ", expected_response=\"false\"}[" + w
                            + "])) or 0 * " + all + ") / " + all, at);
            Double lastPush = columns.get("lastPush").get(key);
            Map<String, Measurement> quantiles = new HashMap<>();
            for (String quantile : List.of("0.50", "0.95", "0.99")) {
                if (lastPush == null) {
                    quantiles.put(quantile, Measurement.absent("", at));
                    continue;
                }
                String promql = quantileQuery(quantile, testid, key.generator(), key.request(), lastPush);
                quantiles.put(quantile, measured(prometheus.query(promql, at).stream().map(Sample::value).findFirst()
                        .orElse(null), promql, at));
            }
            String endpoint = key.endpointSelector();
            Measurement threshold = measured(columns.get("threshold").get(new Key("k6", key.request())),
                    "max(slo:latency_threshold:seconds{job=\"demo-api\", " + endpoint + "})", at);
            Double objective = columns.get("objective").get(new Key("k6", key.request()));
            Measurement budget = measured(objective == null ? null : 1 - objective,
                    "1 - max(slo:success_ratio_target:ratio{job=\"demo-api\", " + endpoint + "})", at);
            Measurement worst = measured(columns.get("worstMinuteP95").get(key), "max(max_over_time((histogram_quantile("
                    + "0.95, sum(rate(" + DURATION + "{" + series + "}[1m]))))[" + w + ":5s]))", at);
            lines.add(new ClientSideLine(key.generator(), key.request(), calls, failedRatio, quantiles.get("0.50"),
                    quantiles.get("0.95"), quantiles.get("0.99"), worst, threshold, budget,
                    verdict(calls.value(), failedRatio.value(), quantiles.get("0.95"), threshold, budget)));
        }
        return new ClientSideReport(at, window, testid, lines);
    }

    /** What k6's thresholds from the chart decide: p(95) at most the threshold, failed share at most the budget. */
    private static EndpointVerdict.Verdict verdict(double calls, double failedRatio, Measurement p95,
            Measurement threshold, Measurement budget) {
        if (!threshold.isPresent()) {
            return EndpointVerdict.Verdict.NO_SLO;
        }
        if (calls == 0 || !p95.isPresent()) {
            return EndpointVerdict.Verdict.NO_TRAFFIC;
        }
        boolean latencyMet = p95.value() <= threshold.value();
        // the budget is 1 - objective, computed here in binary: allow for its rounding (1 - 0.99 is 0.01000000000000001)
        boolean failuresMet = !budget.isPresent() || failedRatio <= budget.value() + 1e-12;
        return latencyMet && failuresMet ? EndpointVerdict.Verdict.PASS : EndpointVerdict.Verdict.FAIL;
    }

    private static Measurement measured(Double value, String promql, Instant at) {
        return value == null || value.isNaN() ? Measurement.absent(promql, at) : new Measurement(value, promql, at);
    }

    /** A load generator and request name: k6's series have no runner label. */
    private record Key(String generator, String request) {
        static Key of(Sample sample) {
            String runner = sample.label("runner");
            return new Key(runner == null || runner.isEmpty() ? "k6" : runner, sample.label("name"));
        }

        /** The run's series of this generator and name. */
        String selector(String testid) {
            return "testid=\"" + testid + "\", runner=\"" + (generator.equals("k6") ? "" : generator) + "\", name=\""
                    + request + "\"";
        }

        /** demo-api's method and path of this request name ("GET /person/{id}"). */
        String endpointSelector() {
            int space = request.indexOf(' ');
            return space < 0 ? "method=\"\", path=\"" + request + "\""
                    : "method=\"" + request.substring(0, space) + "\", path=\"" + request.substring(space + 1) + "\"";
        }
    }
}
