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
 * @param clientSide  the load generator's view per request name (empty when it wrote nothing to Prometheus)
 * @param plots       the charts over the run's window
 */
public record RunReport(RunWindow window, Instant evaluatedAt, SloReport slo, LoadShape load,
        List<ClientSideRow> clientSide, List<Plot> plots) {

    public RunReport {
        clientSide = List.copyOf(clientSide);
        plots = List.copyOf(plots);
    }

    /**
     * The load generator's totals for the run.
     *
     * @param requests          requests it sent ({@code k6_http_reqs_total})
     * @param maxVus            the most VUs at once ({@code k6_vus})
     * @param droppedIterations iterations it could not start ({@code k6_dropped_iterations_total})
     */
    public record LoadShape(Measurement requests, Measurement maxVus, Measurement droppedIterations) {
    }

    /**
     * One request name as the load generator saw it.
     *
     * @param request      the request name, e.g. {@code GET /person/{id}}
     * @param requests     requests sent
     * @param failureShare the share k6 counts as failed, from counts
     * @param p50          median over the run, seconds
     * @param p95          95th percentile over the run, seconds
     * @param p99          99th percentile over the run, seconds
     */
    public record ClientSideRow(String request, Measurement requests, Measurement failureShare, Measurement p50,
            Measurement p95, Measurement p99) {
    }
}
