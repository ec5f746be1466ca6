package dev.perfmonitoring.stack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The regression rule and the comparison of two runs, endpoint by endpoint. */
class ComparisonTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aLatencyRegressesOnlyWhenWorseByMoreThanBothTheShareAndTheMilliseconds() {
        RegressionRule rule = RegressionRule.DEFAULT;

        assertThat(rule.latencyRegressed(0.100, 0.120)).as("+20 %, +20 ms").isTrue();
        assertThat(rule.latencyRegressed(0.100, 0.109)).as("+9 %, +9 ms").isFalse();
        assertThat(rule.latencyRegressed(0.010, 0.014)).as("+40 %, +4 ms").isFalse();
        assertThat(rule.latencyRegressed(0.010, 0.016)).as("+60 %, +6 ms").isTrue();
        assertThat(rule.latencyRegressed(0.200, 0.100)).as("faster").isFalse();
        assertThat(rule.errorShareRegressed(0.001, 0.006)).as("+0.5 points").isFalse();
        assertThat(rule.errorShareRegressed(0.001, 0.0061)).as("+0.51 points").isTrue();
    }

    @Test
    void aWorseP95IsARegressionWithBothNumbersAndTheVerdictSaysSo() {
        RunReport baseline = Reports.run("base", MINUTE, endpoint("GET", "/person/{id}", 1200, 0, 0.050, 0.080));
        RunReport current = Reports.run("now", MINUTE, endpoint("GET", "/person/{id}", 1200, 0, 0.090, 0.085));

        Comparison comparison = Comparison.of(baseline, current, RegressionRule.DEFAULT);

        assertThat(comparison.regressed()).isTrue();
        assertThat(Verdict.of(current, Optional.of(comparison))).isEqualTo(Verdict.REGRESSION);
        assertThat(comparison.checks()).filteredOn(Comparison.Check::regressed).extracting(Comparison.Check::describe)
                .containsExactly("GET /person/{id} p95: 50.0 ms -> 90.0 ms (regression)");
        assertThat(comparison.checks()).filteredOn(check -> check.metric() == Comparison.Metric.THROUGHPUT)
                .singleElement().satisfies(throughput -> {
                    assertThat(throughput.current().value()).isEqualTo(20.0);
                    assertThat(throughput.current().promql()).isEqualTo("(calls{/person/{id}}) / 60");
                });
    }

    @Test
    void aFailedSloWinsOverARegression() {
        RunReport baseline = Reports.run("base", MINUTE, endpoint("GET", "/person/{id}", 100, 0, 0.050, 0.080));
        RunReport current = Reports.run("now", MINUTE, endpoint("GET", "/person/{id}", 100, 0, 0.250, 0.300));

        assertThat(Verdict.of(current, Optional.of(Comparison.of(baseline, current, RegressionRule.DEFAULT))))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void anEndpointWithoutTrafficInOneRunIsNotComparedAndSaysWhy() {
        RunReport baseline = Reports.run("base", MINUTE, endpoint("DELETE", "/person/{id}", 0, 0, 0, 0),
                endpoint("GET", "/person/list", 10, 0, 0.01, 0.02));
        RunReport current = Reports.run("now", MINUTE, endpoint("DELETE", "/person/{id}", 50, 0, 0.9, 0.9),
                endpoint("GET", "/person/list", 10, 0, 0.01, 0.02), endpoint("POST", "/person", 10, 0, 0.01, 0.02));

        Comparison comparison = Comparison.of(baseline, current, RegressionRule.DEFAULT);

        assertThat(comparison.regressed()).isFalse();
        assertThat(comparison.checks()).filteredOn(check -> check.endpoint().equals("DELETE /person/{id}"))
                .extracting(Comparison.Check::note).containsOnly("no traffic in the baseline: nothing to compare");
        assertThat(comparison.checks()).filteredOn(check -> check.endpoint().equals("POST /person"))
                .extracting(Comparison.Check::note).containsExactly("not in the baseline");
    }

    @Test
    void anErrorShareUpByMoreThanHalfAPointRegresses() {
        RunReport baseline = Reports.run("base", MINUTE, endpoint("POST", "/person", 1000, 0.001, 0.05, 0.08));
        RunReport current = Reports.run("now", MINUTE, endpoint("POST", "/person", 1000, 0.009, 0.05, 0.08));

        Comparison comparison = Comparison.of(baseline, current, RegressionRule.DEFAULT);

        assertThat(comparison.checks()).filteredOn(Comparison.Check::regressed).extracting(Comparison.Check::describe)
                .containsExactly("POST /person 5xx share: 0.10 % -> 0.90 % (regression)");
    }

    private static Reports.Endpoint endpoint(String method, String path, double calls, double errors, double p95,
            double p99) {
        return new Reports.Endpoint(method, path, calls, errors, p95, p99, 0.2);
    }
}
