package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.ClientSideQueries;
import dev.perfmonitoring.stack.report.ClientSideReportPrinter;
import dev.perfmonitoring.stack.report.SloReport;
import dev.perfmonitoring.stack.report.SloReportPrinter;
import dev.perfmonitoring.stack.report.SloReportQueries;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perf-stack report}: the SLO report of a window, from any Prometheus that scraped demo-api. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the SLO report of a time window from any Prometheus.",
        description = {
            "Prints the SLO report of a time window from any Prometheus that scraped demo-api with the chart's rules: "
                + "the local stack's, or a cluster's through kubectl port-forward.",
            ""})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9090",
            converter = Converters.HttpUrl.class, description = "Prometheus (default ${DEFAULT-VALUE}).")
    URI prometheusUrl;

    @Option(names = "--testid", paramLabel = "ID", defaultValue = "", converter = Converters.TestIdOrEmpty.class,
            description = "The run whose exporter totals and load-generator (k6 or perf-stack) client side the report shows.")
    String testid;

    @Option(names = "--from", paramLabel = "TIME", required = true, converter = Converters.Time.class,
            description = "Start of the window: now-15m, an ISO-8601 instant (2026-12-02T10:00:00Z) or Unix seconds.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", defaultValue = "now", converter = Converters.Time.class,
            description = "End of the window (default ${DEFAULT-VALUE}).")
    Instant to;

    @Option(names = "--job", paramLabel = "JOB", defaultValue = "demo-api",
            description = "The scrape job of demo-api (default ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--max-error-ratio", paramLabel = "RATIO", defaultValue = "0.01", converter = Converters.Ratio.class,
            description = "Largest share of 5xx responses that passes (default ${DEFAULT-VALUE}).")
    double maxErrorRatio;

    @Override
    public Integer call() {
        if (!from.isBefore(to)) {
            throw new UsageException("--from " + from + " is not before --to " + to);
        }
        Duration window = Duration.ofSeconds(Math.max(1, Duration.between(from, to).toSeconds()));
        PrometheusClient prometheus = new PrometheusClient(prometheusUrl);
        if (!testid.isEmpty()) {
            ClientSideReportPrinter.print(new ClientSideQueries(prometheus).report(to, window, testid), System.out);
        }
        SloReport report = new SloReportQueries(prometheus, job).report(to, window, testid, maxErrorRatio);
        SloReportPrinter.print(report, System.out);
        return (report.passed() ? ExitCode.PASSED : ExitCode.SLO_FAILED).code();
    }
}
