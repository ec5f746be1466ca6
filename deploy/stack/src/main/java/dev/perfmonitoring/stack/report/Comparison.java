package dev.perfmonitoring.stack.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run against its baseline, endpoint by endpoint: p95, p99, 5xx share and throughput of both runs, each latency and
 * error check judged by the {@link RegressionRule}; throughput (the window's calls over the run's length: a run found
 * by its samples starts at its first push, up to one push interval after its first request) is shown, not judged. An
 * endpoint that had no traffic in either run cannot be compared and says so.
 *
 * @param baseline the earlier run
 * @param current  the run under judgement
 * @param rule     what counts as a regression
 * @param checks   one line per endpoint and metric
 */
public record Comparison(RunReport baseline, RunReport current, RegressionRule rule, List<Check> checks) {

    /** What a check compares. */
    public enum Metric {
        P95("p95", true), P99("p99", true), ERROR_SHARE("5xx share", true), THROUGHPUT("throughput", false);

        private final String title;
        private final boolean judged;

        Metric(String title, boolean judged) {
            this.title = title;
            this.judged = judged;
        }

        public String title() {
            return title;
        }

        public boolean judged() {
            return judged;
        }
    }

    /**
     * One endpoint's metric in both runs.
     *
     * @param endpoint  {@code METHOD PATH}
     * @param metric    what is compared
     * @param baseline  the baseline's value
     * @param current   the current run's value
     * @param regressed whether the rule calls it a regression
     * @param note      why it could not be judged, empty when it was
     */
    public record Check(String endpoint, Metric metric, Measurement baseline, Measurement current, boolean regressed,
            String note) {

        /** The failure message of a regression, or a summary of the check, with both numbers. */
        public String describe() {
            if (!note.isEmpty()) {
                return endpoint + " " + metric.title() + ": " + note;
            }
            return String.format(Locale.ROOT, "%s %s: %s -> %s%s", endpoint, metric.title(), format(baseline),
                    format(current), regressed ? " (regression)" : "");
        }

        private String format(Measurement value) {
            return switch (metric) {
                case P95, P99 -> String.format(Locale.ROOT, "%.1f ms", value.value() * 1000);
                case ERROR_SHARE -> String.format(Locale.ROOT, "%.2f %%", value.value() * 100);
                case THROUGHPUT -> String.format(Locale.ROOT, "%.1f req/s", value.value());
            };
        }
    }

    public boolean regressed() {
        return checks.stream().anyMatch(Check::regressed);
    }

    public static Comparison of(RunReport baseline, RunReport current, RegressionRule rule) {
        Map<String, EndpointVerdict> before = byEndpoint(baseline);
        Map<String, EndpointVerdict> after = byEndpoint(current);
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, EndpointVerdict> entry : after.entrySet()) {
            EndpointVerdict now = entry.getValue();
            EndpointVerdict then = before.get(entry.getKey());
            if (then == null) {
                checks.add(new Check(entry.getKey(), Metric.P95, Measurement.absent("", current.evaluatedAt()),
                        now.p95(), false, "not in the baseline"));
                continue;
            }
            boolean traffic = now.calls().orElse(0) > 0 && then.calls().orElse(0) > 0;
            for (Metric metric : Metric.values()) {
                Measurement old = value(then, metric, baseline);
                Measurement latest = value(now, metric, current);
                if (!traffic || !old.isPresent() || !latest.isPresent()) {
                    checks.add(new Check(entry.getKey(), metric, old, latest, false,
                            "no traffic in " + (then.calls().orElse(0) > 0 ? "this run" : "the baseline")
                                    + ": nothing to compare"));
                } else {
                    checks.add(new Check(entry.getKey(), metric, old, latest, regressed(metric, rule, old, latest), ""));
                }
            }
        }
        return new Comparison(baseline, current, rule, List.copyOf(checks));
    }

    private static boolean regressed(Metric metric, RegressionRule rule, Measurement old, Measurement latest) {
        return switch (metric) {
            case P95, P99 -> rule.latencyRegressed(old.value(), latest.value());
            case ERROR_SHARE -> rule.errorShareRegressed(old.value(), latest.value());
            case THROUGHPUT -> false;
        };
    }

    private static Measurement value(EndpointVerdict endpoint, Metric metric, RunReport run) {
        return switch (metric) {
            case P95 -> endpoint.p95();
            case P99 -> endpoint.p99();
            case ERROR_SHARE -> endpoint.serverErrorRatio();
            case THROUGHPUT -> {
                long seconds = run.window().length().toSeconds();
                Measurement calls = endpoint.calls();
                yield new Measurement(calls.orElse(0) / seconds, "(" + calls.promql() + ") / " + seconds, calls.at());
            }
        };
    }

    private static Map<String, EndpointVerdict> byEndpoint(RunReport report) {
        Map<String, EndpointVerdict> endpoints = new LinkedHashMap<>();
        report.slo().endpoints().forEach(endpoint -> endpoints.put(endpoint.endpoint(), endpoint));
        return endpoints;
    }
}
