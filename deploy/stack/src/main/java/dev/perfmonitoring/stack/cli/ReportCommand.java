package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.Comparison;
import dev.perfmonitoring.stack.report.ReportOutput;
import dev.perfmonitoring.stack.report.RunReport;
import dev.perfmonitoring.stack.report.RunReports;
import dev.perfmonitoring.stack.report.RunWindow;
import dev.perfmonitoring.stack.report.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code perf-stack report}: the report of a run, from any Prometheus that scraped demo-api with the chart's rules. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Report a run (by testid or time window) from any Prometheus, optionally against a baseline.",
        description = {
            "Writes the self-contained HTML report of a run and prints its text report, from any Prometheus that "
                + "scraped demo-api with the chart's rules: the local stack's, or a cluster's through kubectl "
                + "port-forward. A run is found by its testid (the load generator's k6_vus series, or the exporter's "
                + "pushes), or given by --from and --to.",
            ""})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--testid", paramLabel = "ID", converter = Converters.TestIdValue.class,
            description = "The run to report; its window is found in Prometheus unless --from is given.")
    String testid;

    @Option(names = "--from", paramLabel = "TIME", converter = Converters.Time.class,
            description = "Start of the window instead: now-15m, an ISO-8601 instant (2026-12-02T10:00:00Z) or Unix"
                    + " seconds.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now", converter = Converters.Time.class,
            description = "End of the window given with --from (default ${DEFAULT-VALUE}).")
    Instant to;

    @Option(names = "--baseline", paramLabel = "ID", converter = Converters.TestIdValue.class,
            description = "Compare with this earlier run; a regression ends with exit code 1.")
    String baseline;

    @Mixin
    PrometheusOptions source;

    @Mixin
    ReportFileOptions files;

    @Mixin
    RegressionOptions regression;

    @Override
    public Integer call() {
        if (testid == null && from == null) {
            throw new UsageException("name the run: --testid ID, or a window with --from (and --to)");
        }
        if (from != null && !from.isBefore(to)) {
            throw new UsageException("--from " + from + " is not before --to " + to);
        }
        PrometheusClient prometheus = source.client();
        Instant now = Instant.now();
        RunWindow window = from != null ? RunWindow.between(testid == null ? "" : testid, from, to)
                : Runs.find(prometheus, "--testid", testid, now);
        Optional<RunWindow> earlier = Optional.ofNullable(baseline)
                .map(id -> Runs.find(prometheus, "--baseline", id, now));
        RunReports reports = source.reports(prometheus);
        RunReport run = reports.collect(window);
        Optional<Comparison> comparison = earlier.map(earlierRun -> Comparison.of(reports.collect(earlierRun), run,
                regression.rule()));
        String name = testid != null ? testid : "window-" + from.getEpochSecond();
        Verdict verdict = ReportOutput.emit(run, comparison, files.htmlOr(Path.of("report-" + name + ".html")),
                files.junitFile(), source.url.toString(), System.out);
        return ExitCode.of(verdict);
    }
}
