package dev.perfmonitoring.stack.remotewrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Sends time series to a Prometheus remote-write endpoint ({@code /api/v1/write}) the way k6's output does
 * ({@code WriteClient.Store} in k6's {@code internal/output/prometheusrw/remote/client.go}): one POST of the
 * snappy-compressed (block format) protobuf {@code WriteRequest} with {@code Content-Encoding: snappy},
 * {@code Content-Type: application/x-protobuf} and {@code X-Prometheus-Remote-Write-Version: 0.1.0}, a 5 s timeout, and
 * any status outside 2xx an error.
 */
public final class RemoteWriteClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI url;
    private final String userAgent;

    /**
     * @param url       the remote-write endpoint, e.g. {@code http://127.0.0.1:9090/api/v1/write}
     * @param userAgent the {@code User-Agent} header (k6 sends {@code k6-prometheus-rw-output})
     */
    public RemoteWriteClient(HttpClient http, URI url, String userAgent) {
        this.http = http;
        this.url = url;
        this.userAgent = userAgent;
    }

    public URI url() {
        return url;
    }

    /**
     * Writes the series in one request.
     *
     * @throws RemoteWriteException when the endpoint cannot be reached or answers outside 2xx (with its answer)
     */
    public void store(List<TimeSeries> series) throws InterruptedException {
        byte[] body;
        try {
            body = Snappy.compress(WriteRequestEncoder.encode(series));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RemoteWriteException("remote write to " + url + " failed: " + e, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new RemoteWriteException("remote write to " + url + " answered " + response.statusCode() + ": "
                    + response.body().strip());
        }
    }
}
