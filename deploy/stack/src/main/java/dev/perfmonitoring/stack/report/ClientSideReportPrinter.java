package dev.perfmonitoring.stack.report;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a {@link ClientSideReport} as the table after the SLO report. */
public final class ClientSideReportPrinter {

    private ClientSideReportPrinter() {
    }

    public static void print(ClientSideReport report, PrintStream out) {
        out.printf(Locale.ROOT, "%nClient side of %s (what the load generator sent by remote write, k6's metric names;"
                + " P50-P99 over every request of the run, WORST 1M P95 over 1-minute windows; K6 THRESHOLDS: what the chart's k6"
                + " thresholds decide, p95 <= SLO and failed <= 1 - objective; information, the verdict is the server"
                + " side's)%n", report.testid());
        if (report.lines().isEmpty()) {
            out.println("no k6_* series of this testid in Prometheus");
            return;
        }
        out.printf(Locale.ROOT, "%-10s %-20s %9s %9s %9s %9s %9s %12s %9s  %s%n", "GENERATOR", "REQUEST", "CALLS",
                "FAILED %", "P50 ms", "P95 ms", "P99 ms", "WORST 1M P95", "SLO ms", "K6 THRESHOLDS");
        for (ClientSideLine line : report.lines()) {
            out.printf(Locale.ROOT, "%-10s %-20s %9.0f %9.3f %9s %9s %9s %12s %9s  %s%n", line.generator(),
                    line.request(), line.calls().value(), 100 * line.failedRatio().value(), millis(line.p50()),
                    millis(line.p95()),
                    millis(line.p99()), millis(line.worstMinuteP95()), millis(line.threshold()), line.verdict());
        }
    }

    private static String millis(Measurement seconds) {
        return seconds.isPresent() ? String.format(Locale.ROOT, "%.1f", seconds.value() * 1000) : "-";
    }
}
