package dev.perfmonitoring.stack.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything the report of one run shows, each number with the query that produced it.
 *
 * @param window      when the run happened
 * @param evaluatedAt the instant every table query was evaluated at (a little after the run, so its last requests
 *                    were scraped)
 * @param slo         the server-side table and verdict
 * @param load        the load generator's totals
 * @param clientSide  the load generators' view per request name (no lines when none wrote to Prometheus)
 * @param plots       the charts over the run's window
 */
public record RunReport(RunWindow window, Instant evaluatedAt, SloReport slo, LoadShape load,
        ClientSideReport clientSide, List<Plot> plots) {

    public RunReport {
        plots = List.copyOf(plots);
    }

    /**
     * The load generator's totals for the run.
     *
     * @param requests          requests it sent (the last value of each {@code k6_http_reqs_total} series)
     * @param maxVus            the most VUs at once ({@code k6_vus})
     * @param droppedIterations iterations it could not start (the last value of each
     *                          {@code k6_dropped_iterations_total} series)
     */
    public record LoadShape(Measurement requests, Measurement maxVus, Measurement droppedIterations) {
    }
}
