package dev.perfmonitoring.stack.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The verdict of a load test, read from Prometheus at one instant over one window.
 *
 * @param evaluatedAt         the instant every query was evaluated at (the window's end: demo-api's last scrape)
 * @param window              what every range selector covers: the run, from demo-api's last scrape before it
 *                            ({@link SloReportQueries})
 * @param endpoints           one line per demo-api endpoint that had traffic or has an SLO
 * @param serverErrorRatio    share of 5xx responses over all endpoints
 * @param maxServerErrorRatio the largest 5xx share that still passes
 * @param exporterTotals      the exporter's pushed series for the run's testid (metric name → value)
 */
public record SloReport(Instant evaluatedAt, Duration window, List<EndpointVerdict> endpoints,
        Measurement serverErrorRatio, double maxServerErrorRatio, Map<String, Measurement> exporterTotals) {

    /** True when every endpoint with an SLO passed and the 5xx share is within its budget. */
    public boolean passed() {
        return endpoints.stream().noneMatch(endpoint -> endpoint.verdict().failsTheRun()) && errorBudgetKept();
    }

    /** Whether the 5xx share over all endpoints is within {@link #maxServerErrorRatio()}. */
    public boolean errorBudgetKept() {
        return !(serverErrorRatio.orElse(0) > maxServerErrorRatio);
    }
}
