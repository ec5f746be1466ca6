package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.TestId;
import dev.perfmonitoring.stack.load.LoadRun;
import dev.perfmonitoring.stack.load.RunOptions;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.process.ServerStartException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perf-stack load}: the Person scenario against services that already run. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the Person scenario against services that already run.",
        description = {
            "Runs the Person scenario against a demo-api that already runs (for example port-forwarded from a "
                + "cluster), reporting batches to an exporter-service when one is given and the client-side metrics "
                + "to Prometheus by remote write (k6's metric names, labelled runner=\"perf-stack\") when a remote-write"
                + " or Prometheus URL is given, and prints the client-side view of every request name.",
            ""})
final class LoadCommand implements Callable<Integer> {

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:7080",
            converter = Converters.HttpUrl.class, description = "demo-api (default ${DEFAULT-VALUE}).")
    URI baseUrl;

    @Option(names = "--exporter-url", paramLabel = "URL", converter = Converters.HttpUrl.class,
            description = "exporter-service: batches are reported there, like the original concurrency controller.")
    URI exporterUrl;

    @Option(names = "--prometheus-url", paramLabel = "URL", converter = Converters.HttpUrl.class,
            description = "Prometheus: the progress line shows the current p95 of the recording rule.")
    URI prometheusUrl;

    @Option(names = "--remote-write-url", paramLabel = "URL", converter = Converters.HttpUrl.class,
            description = "Prometheus remote-write endpoint for the client-side metrics (k6's shape, runner=\"perf-stack\"),"
                    + " e.g. http://127.0.0.1:9090/api/v1/write (default: /api/v1/write of --prometheus-url when given).")
    URI remoteWriteUrl;

    @Option(names = "--duration", paramLabel = "SECONDS", converter = Converters.WholeSeconds.class,
            description = "How long the scenario runs (default: the scenario file's nominal duration, the seed's 600).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "FACTOR", defaultValue = "1", converter = Converters.PositiveNumber.class,
            description = "Multiplies every scenario's rate and iteration count (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--testid", paramLabel = "ID", converter = Converters.TestIdValue.class,
            description = "Run id (default run-<date>-<time>).")
    String testid;

    @Option(names = "--batch-interval", paramLabel = "SECONDS", defaultValue = "5",
            converter = Converters.WholeSeconds.class,
            description = "How often a batch is reported to the exporter (default ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5",
            converter = Converters.WholeSeconds.class,
            description = "How often the progress line is printed (default ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Override
    public Integer call() throws InterruptedException {
        ScenarioFile scenarios = ScenarioFile.read();
        requireAnswering(baseUrl);
        Optional<URI> remoteWrite = Optional.ofNullable(remoteWriteUrl)
                .or(() -> Optional.ofNullable(prometheusUrl).map(RunOptions::remoteWriteEndpoint));
        new LoadRun(new RunOptions(baseUrl, Optional.ofNullable(exporterUrl), Optional.ofNullable(prometheusUrl),
                remoteWrite, duration == null ? scenarios.nominalDuration() : duration, rate,
                testid == null ? TestId.generated() : testid, batchInterval, progressInterval),
                System.out, scenarios).execute();
        return ExitCode.PASSED.code();
    }

    /** A target that does not answer at all is not a load test: fail before the first request (exit code 3). */
    private static void requireAnswering(URI baseUrl) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new ServerStartException("demo-api does not answer at " + baseUrl + ": " + e);
        }
    }
}
