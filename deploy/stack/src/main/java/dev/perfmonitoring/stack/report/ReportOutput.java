package dev.perfmonitoring.stack.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** What every report-making command ends with: the text report, the HTML file, the JUnit file when asked, the verdict. */
public final class ReportOutput {

    private ReportOutput() {
    }

    /**
     * Prints the text report, writes {@code html} (and {@code junit}) and names them next to the verdict.
     *
     * @return the verdict, which decides the exit code
     */
    public static Verdict emit(RunReport run, Optional<Comparison> comparison, Path html, Optional<Path> junit,
            String prometheusUrl, PrintStream out) {
        TextReport.print(run, comparison, out);
        out.println("report: " + HtmlReport.write(html, run, comparison, prometheusUrl));
        junit.ifPresent(file -> out.println("junit: " + JunitReport.write(file, run, comparison)));
        return Verdict.of(run, comparison);
    }
}
