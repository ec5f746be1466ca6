package dev.perfmonitoring.stack.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Prints an {@link SloReport} as the table at the end of {@code deploy/local/run.sh}. */
public final class SloReportPrinter {

    private SloReportPrinter() {
    }

    public static void print(SloReport report, PrintStream out) {
        out.printf(Locale.ROOT, "%nSLO report (window %ds ending %s; P50-P99 over every request of the window,"
                + " WORST 1M P95 from the recording rule; PASS when P95 <= SLO)%n",
                report.window().toSeconds(), report.evaluatedAt());
        out.printf(Locale.ROOT, "%-7s %-16s %9s %8s %9s %9s %9s %12s %9s  %s%n",
                "METHOD", "PATH", "CALLS", "5XX %", "P50 ms", "P95 ms", "P99 ms", "WORST 1M P95", "SLO ms", "VERDICT");
        for (EndpointVerdict line : report.endpoints()) {
            out.printf(Locale.ROOT, "%-7s %-16s %9.0f %8.2f %9s %9s %9s %12s %9s  %s%n",
                    line.method(), line.path(), line.calls(), 100 * line.serverErrorRatio(), millis(line.p50()),
                    millis(line.p95()), millis(line.p99()), millis(line.worstMinuteP95()), millis(line.threshold()),
                    line.verdict());
        }
        out.printf(Locale.ROOT, "5xx share over all endpoints: %.2f %% (budget %.2f %%)%n",
                100 * report.serverErrorRatio(), 100 * report.maxServerErrorRatio());
        if (report.exporterTotals().isEmpty()) {
            out.println("exporter: no pushed series for this testid in Prometheus");
        } else {
            out.println("exporter (pushed to the Pushgateway, scraped by Prometheus):");
            for (Map.Entry<String, Double> total : report.exporterTotals().entrySet()) {
                out.printf(Locale.ROOT, "  %-50s %s%n", total.getKey(), number(total.getValue()));
            }
        }
        out.println("OVERALL: " + (report.passed() ? "PASS" : "FAIL"));
    }

    private static String millis(OptionalDouble seconds) {
        return seconds.isPresent() ? String.format(Locale.ROOT, "%.1f", seconds.getAsDouble() * 1000) : "-";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
