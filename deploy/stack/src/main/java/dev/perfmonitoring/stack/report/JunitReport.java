package dev.perfmonitoring.stack.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdicts as JUnit XML, for a CI to gate on and display: one test case per endpoint SLO, one for the 5xx budget,
 * and one per regression check when there is a baseline; a failure's message carries the numbers. An endpoint without
 * traffic is a skipped case.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static Path write(Path file, RunReport run, Optional<Comparison> comparison) {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        int skipped = 0;
        String suite = "perf-stack " + run.window().testid();
        for (EndpointVerdict endpoint : run.slo().endpoints()) {
            String name = "SLO " + endpoint.endpoint();
            switch (endpoint.verdict()) {
                case PASS -> cases.add(passed(suite, name, String.format(Locale.ROOT, "p95 %.1f ms <= %.1f ms",
                        endpoint.p95().value() * 1000, endpoint.threshold().value() * 1000)));
                case FAIL -> {
                    failures++;
                    cases.add(failed(suite, name, String.format(Locale.ROOT,
                            "p95 %.1f ms is over the SLO threshold of %.1f ms (%.0f calls, p99 %.1f ms)",
                            endpoint.p95().value() * 1000, endpoint.threshold().value() * 1000,
                            endpoint.calls().orElse(0), endpoint.p99().orElse(Double.NaN) * 1000)));
                }
                case NO_TRAFFIC -> {
                    skipped++;
                    cases.add(skipped(suite, name, "no requests in the run window: nothing to judge"));
                }
                case NO_SLO -> {
                    // an endpoint without an SLO is information, not a check
                }
            }
        }
        SloReport slo = run.slo();
        String budget = String.format(Locale.ROOT, "5xx share %.3f %% (budget %.3f %%)",
                slo.serverErrorRatio().orElse(0) * 100, slo.maxServerErrorRatio() * 100);
        if (slo.errorBudgetKept()) {
            cases.add(passed(suite, "5xx budget", budget));
        } else {
            failures++;
            cases.add(failed(suite, "5xx budget", budget + " is over the budget"));
        }
        if (comparison.isPresent()) {
            for (Comparison.Check check : comparison.get().checks()) {
                if (!check.metric().judged()) {
                    continue;
                }
                String name = "regression " + check.endpoint() + " " + check.metric().title() + " vs "
                        + comparison.get().baseline().window().testid();
                if (!check.note().isEmpty()) {
                    skipped++;
                    cases.add(skipped(suite, name, check.describe()));
                } else if (check.regressed()) {
                    failures++;
                    cases.add(failed(suite, name, check.describe() + ": " + comparison.get().rule().describe()));
                } else {
                    cases.add(passed(suite, name, check.describe()));
                }
            }
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + attribute(suite)
                + "\" tests=\"" + cases.size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped
                + "\" timestamp=\"" + run.evaluatedAt() + "\">\n" + String.join("", cases) + "</testsuite>\n";
        return ReportFiles.writeAtomically(file, xml);
    }

    private static String passed(String suite, String name, String output) {
        return "  <testcase classname=\"" + attribute(suite) + "\" name=\"" + attribute(name) + "\">\n"
                + "    <system-out>" + HtmlReport.escape(output) + "</system-out>\n  </testcase>\n";
    }

    private static String failed(String suite, String name, String message) {
        return "  <testcase classname=\"" + attribute(suite) + "\" name=\"" + attribute(name) + "\">\n"
                + "    <failure message=\"" + attribute(message) + "\">" + HtmlReport.escape(message) + "</failure>\n"
                + "  </testcase>\n";
    }

    private static String skipped(String suite, String name, String message) {
        return "  <testcase classname=\"" + attribute(suite) + "\" name=\"" + attribute(name) + "\">\n"
                + "    <skipped message=\"" + attribute(message) + "\"/>\n  </testcase>\n";
    }

    private static String attribute(String text) {
        return HtmlReport.escape(text).replace("\n", "&#10;");
    }
}
