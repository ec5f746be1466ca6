package dev.perfmonitoring.stack.cli;

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
import picocli.CommandLine.Parameters;

/** {@code perf-stack compare BASE CURRENT}: one run against another. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Compare a run with a baseline run: REGRESSION (exit code 1) when it is worse.",
        description = {
            "Reports CURRENT against BASE, both found by testid in Prometheus: per endpoint p95, p99, 5xx share and "
                + "throughput of both runs, and both runs' curves on shared axes aligned on their starts. A p95 or p99 "
                + "worse by more than --regression-percent and --regression-ms, or a 5xx share up by more than "
                + "--regression-error-points, is a regression.",
            ""})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", converter = Converters.TestIdValue.class,
            description = "The baseline run's testid.")
    String base;

    @Parameters(index = "1", paramLabel = "CURRENT", converter = Converters.TestIdValue.class,
            description = "The testid of the run under judgement.")
    String current;

    @Mixin
    PrometheusOptions source;

    @Mixin
    ReportFileOptions files;

    @Mixin
    RegressionOptions regression;

    @Override
    public Integer call() {
        PrometheusClient prometheus = source.client();
        Instant now = Instant.now();
        RunWindow baseline = Runs.find(prometheus, "BASE", base, now);
        RunWindow latest = Runs.find(prometheus, "CURRENT", current, now);
        RunReports reports = source.reports(prometheus);
        RunReport run = reports.collect(latest);
        Comparison comparison = Comparison.of(reports.collect(baseline), run, regression.rule());
        Verdict verdict = ReportOutput.emit(run, Optional.of(comparison),
                files.htmlOr(Path.of("compare-" + base + "-" + current + ".html")), files.junitFile(),
                source.url.toString(), System.out);
        return ExitCode.of(verdict);
    }
}
