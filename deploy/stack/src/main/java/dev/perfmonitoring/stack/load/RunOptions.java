package dev.perfmonitoring.stack.load;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What a load run does ({@code perf-stack load}; {@code perf-stack run} runs one against the stack it started).
 *
 * @param baseUrl          demo-api's base URL
 * @param exporterUrl      the exporter-service's base URL; batches are reported there when present
 * @param prometheusUrl    Prometheus's base URL; the progress line shows the current p95 from it when present
 * @param remoteWriteUrl   a Prometheus remote-write endpoint ({@code .../api/v1/write}); the client-side metrics are
 *                         pushed there in k6's shape when present
 * @param duration         how long the scenarios run (the seed's scenarios last 10 minutes)
 * @param rate             multiplies every arrival rate and iteration count (1 = the seed's numbers)
 * @param testid           the run id: tags the batches on the exporter (its Pushgateway group)
 * @param batchInterval    how often a batch is reported to the exporter
 * @param progressInterval how often the progress line is printed
 */
public record RunOptions(URI baseUrl, Optional<URI> exporterUrl, Optional<URI> prometheusUrl,
        Optional<URI> remoteWriteUrl, Duration duration, double rate, String testid, Duration batchInterval,
        Duration progressInterval) {

    /** k6's default push interval of its Prometheus remote-write output ({@code defaultPushInterval}). */
    public static final Duration REMOTE_WRITE_PUSH_INTERVAL = Duration.ofSeconds(5);

    /** The remote-write endpoint of a Prometheus base URL. */
    public static URI remoteWriteEndpoint(URI prometheusUrl) {
        return URI.create(prometheusUrl.toString().replaceAll("/+$", "") + "/api/v1/write");
    }
}
