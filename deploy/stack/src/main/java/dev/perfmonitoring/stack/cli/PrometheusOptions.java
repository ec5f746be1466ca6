package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.RunReports;
import java.net.URI;
import picocli.CommandLine.Option;

/** Which Prometheus holds the runs, and how to read demo-api in it (a picocli mixin of report and compare). */
final class PrometheusOptions {

    @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9090",
            converter = Converters.HttpUrl.class, description = "Prometheus (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--job", paramLabel = "JOB", defaultValue = "demo-api",
            description = "The scrape job of demo-api (default ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--max-error-ratio", paramLabel = "RATIO", defaultValue = "0.01", converter = Converters.Ratio.class,
            description = "Largest share of 5xx responses that passes (default ${DEFAULT-VALUE}).")
    double maxErrorRatio;

    PrometheusClient client() {
        return new PrometheusClient(url);
    }

    RunReports reports(PrometheusClient client) {
        return new RunReports(client, job, maxErrorRatio);
    }
}
