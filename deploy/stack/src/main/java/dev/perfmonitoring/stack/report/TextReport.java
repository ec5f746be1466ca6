package dev.perfmonitoring.stack.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report as the terminal shows it: the SLO table, the exporter's totals, the comparison, the verdict. */
public final class TextReport {

    private TextReport() {
    }

    public static void print(RunReport run, Optional<Comparison> comparison, PrintStream out) {
        SloReport report = run.slo();
        out.printf(Locale.ROOT, "%nSLO report of %s (window %.3f s ending %s; P50-P99 over every request of the window,"
                + " WORST 1M P95 from the recording rule; PASS when P95 <= SLO)%n",
                run.window().testid(), report.window().toMillis() / 1000.0, report.evaluatedAt());
        out.printf(Locale.ROOT, "%-7s %-16s %9s %8s %9s %9s %9s %12s %9s  %s%n",
                "METHOD", "PATH", "CALLS", "5XX %", "P50 ms", "P95 ms", "P99 ms", "WORST 1M P95", "SLO ms", "VERDICT");
        for (EndpointVerdict line : report.endpoints()) {
            out.printf(Locale.ROOT, "%-7s %-16s %9.0f %8.2f %9s %9s %9s %12s %9s  %s%n",
                    line.method(), line.path(), line.calls().orElse(0), 100 * line.serverErrorRatio().orElse(0),
                    millis(line.p50()), millis(line.p95()), millis(line.p99()), millis(line.worstMinuteP95()),
                    millis(line.threshold()), line.verdict());
        }
        out.printf(Locale.ROOT, "5xx share over all endpoints: %.2f %% (budget %.2f %%)%n",
                100 * report.serverErrorRatio().orElse(0), 100 * report.maxServerErrorRatio());
        if (report.exporterTotals().isEmpty()) {
            out.println("exporter: no pushed series for this testid in Prometheus");
        } else {
            out.println("exporter (pushed to the Pushgateway, scraped by Prometheus):");
            for (Map.Entry<String, Measurement> total : report.exporterTotals().entrySet()) {
                out.printf(Locale.ROOT, "  %-50s %s%n", total.getKey(), number(total.getValue().value()));
            }
        }
        ClientSideReportPrinter.print(run.clientSide(), out);
        comparison.ifPresent(compared -> {
            out.printf("against the baseline %s (%s):%n", compared.baseline().window().testid(),
                    compared.rule().describe());
            compared.checks().stream().filter(check -> check.metric().judged() || !check.note().isEmpty())
                    .forEach(check -> out.println("  " + check.describe()));
        });
        out.println("OVERALL: " + Verdict.of(run, comparison));
    }

    private static String millis(Measurement seconds) {
        return seconds.isPresent() ? String.format(Locale.ROOT, "%.1f", seconds.value() * 1000) : "-";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
