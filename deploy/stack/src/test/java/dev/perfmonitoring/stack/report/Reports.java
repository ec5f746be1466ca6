package dev.perfmonitoring.stack.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run reports with known numbers, for the tests of what is made of them. */
final class Reports {

    static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    private Reports() {
    }

    /** An endpoint with calls, 5xx share, p95 and p99 (seconds) and an SLO threshold. */
    record Endpoint(String method, String path, double calls, double errorShare, double p95, double p99,
            double threshold) {
    }

    static RunReport run(String testid, Duration length, Endpoint... endpoints) {
        Instant end = START.plus(length);
        List<EndpointVerdict> lines = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            EndpointVerdict.Verdict verdict = endpoint.calls() == 0 ? EndpointVerdict.Verdict.NO_TRAFFIC
                    : endpoint.p95() <= endpoint.threshold() ? EndpointVerdict.Verdict.PASS
                    : EndpointVerdict.Verdict.FAIL;
            lines.add(new EndpointVerdict(endpoint.method(), endpoint.path(),
                    measured(endpoint.calls(), "calls{" + endpoint.path() + "}", end),
                    measured(endpoint.calls() == 0 ? Double.NaN : endpoint.errorShare(), "errors", end),
                    measured(endpoint.calls() == 0 ? Double.NaN : endpoint.p95() / 2, "p50", end),
                    measured(endpoint.calls() == 0 ? Double.NaN : endpoint.p95(), "p95", end),
                    measured(endpoint.calls() == 0 ? Double.NaN : endpoint.p99(), "p99", end),
                    measured(endpoint.calls() == 0 ? Double.NaN : endpoint.p95(), "worst", end),
                    measured(endpoint.threshold(), "threshold", end), verdict));
        }
        SloReport slo = new SloReport(end, length, lines, measured(0, "sum(errors) / sum(calls)", end), 0.01,
                Map.of("Loadtests_total_overall_requests_made", measured(1234, "sum(Loadtests_total)", end)));
        RunReport.LoadShape load = new RunReport.LoadShape(measured(5000, "requests", end), measured(50, "vus", end),
                measured(3, "dropped", end));
        List<Double> seconds = List.of(0.0, 5.0, 10.0);
        Plot plot = new Plot("request-rate", "Request rate per endpoint", "req/s", seconds, List.of(
                new Plot.Series("POST /person", "sum(rate(x[1m])) </script>", Plot.Role.CURRENT,
                        List.of(1.0, 2.0, 3.0))));
        return new RunReport(new RunWindow(testid, START, end, "k6_vus{testid=\"" + testid + "\"}"), end, slo, load,
                new ClientSideReport(end, length, testid, List.of()), List.of(plot));
    }

    private static Measurement measured(double value, String promql, Instant at) {
        return new Measurement(value, promql, at);
    }
}
