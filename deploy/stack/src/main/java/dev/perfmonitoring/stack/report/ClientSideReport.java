package dev.perfmonitoring.stack.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The load generators' own view of a run (k6 or perf-stack's runner, by remote write), next to the server-side SLO
 * report: information, the run's verdict stays the server side's.
 *
 * @param evaluatedAt the instant every query was evaluated at
 * @param window      the run window
 * @param testid      the run
 * @param lines       one line per load generator and request name
 */
public record ClientSideReport(Instant evaluatedAt, Duration window, String testid, List<ClientSideLine> lines) {

    public ClientSideReport {
        lines = List.copyOf(lines);
    }
}
