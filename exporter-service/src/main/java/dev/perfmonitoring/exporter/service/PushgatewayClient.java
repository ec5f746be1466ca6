package dev.perfmonitoring.exporter.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.config.PushgatewayAddress;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Talks to the Pushgateway: pushes a group's state (one group per {@link RunKey}: {@code job} plus {@code testid} when given; the Prometheus text format written
 * by the Prometheus Java client, no timestamps, PUT so the group holds exactly the pushed state), reads a group's
 * current state from the {@code /api/v1/metrics} API, deletes groups and probes {@code /-/ready}.
 *
 * <p>Pushes and deletes run in the caller's thread over the JDK's {@link HttpURLConnection} with keep-alive: the
 * answer is read to its end and the connection is never disconnected, so the next push reuses it. They used to go
 * through the Prometheus client's {@code PushGateway} exporter, which disconnects its connection after every request,
 * so each push opened a new TCP connection: in sync mode, where every write waits for a push, that set-up was a large
 * part of each write. (The JDK {@link HttpClient}, which reads and probes use, keeps connections too, but hands each
 * request to its own threads: slower than a blocking call for the one small request a writer waits for.) The
 * requests are the same as that exporter's: the group's URL
 * as that exporter builds it ({@code /metrics/job/<job>/testid/<testid>}, a value with a {@code /} base64url-encoded
 * as {@code <label>@base64/<value>}), its content type and its text format.
 */
@ApplicationScoped
public class PushgatewayClient {

    private final PushgatewayAddress address;
    private final String job;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final PrometheusTextFormatWriter textFormat = PrometheusTextFormatWriter.builder().build();

    public PushgatewayClient(ExporterConfig config, ObjectMapper json) {
        this.address = PushgatewayAddress.parse(config.pushGatewayUrl());
        this.job = config.jobName();
        this.timeout = config.pushTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.json = json;
    }

    /** Replaces the group's metrics with {@code snapshot}. */
    public void push(RunKey key, MetricSnapshots snapshot) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        textFormat.write(body, snapshot, EscapingScheme.UNDERSCORE_ESCAPING);
        send("PUT", key, body.toByteArray(), "push metrics to");
    }

    /** Deletes the group and all its metrics. */
    public void delete(RunKey key) throws IOException {
        send("DELETE", key, null, "delete metrics from");
    }

    /**
     * The group's metrics as the Pushgateway holds them now, empty when it holds no such group.
     *
     * @throws IOException when the Pushgateway cannot be read: the caller must not take that for an empty group
     */
    public Optional<PushedGroup> read(RunKey key) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address.baseUrl() + "/api/v1/metrics"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return findGroup(json.readTree(response.body()), groupingLabels(key));
    }

    /** Whether the Pushgateway answers its readiness endpoint ({@code GET /-/ready}) within the timeout. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address.baseUrl() + "/-/ready")).timeout(timeout).build();
        try {
            return send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return address.baseUrl();
    }

    private Map<String, String> groupingLabels(RunKey key) {
        Map<String, String> labels = new HashMap<>();
        labels.put("job", job);
        if (key.isRun()) {
            labels.put("testid", key.testid());
        }
        return labels;
    }

    /**
     * The group whose grouping labels are exactly {@code labels} in an {@code /api/v1/metrics} answer:
     * {@code {"status": "success", "data": [{"labels": {...}, "<metric>": {"type": "GAUGE", "metrics": [{"value": "3"}]},
     * "<histogram>": {"type": "HISTOGRAM", "metrics": [{"buckets": {"0.5": "2", "+Inf": "3"}, "sum": "1.2", "count": "3"}]}}]}}.
     */
    static Optional<PushedGroup> findGroup(JsonNode document, Map<String, String> labels) throws IOException {
        JsonNode groups = document.path("data");
        if (!"success".equals(document.path("status").asText()) || !groups.isArray()) {
            throw new IOException("not a Pushgateway /api/v1/metrics answer");
        }
        for (JsonNode group : groups) {
            if (labels.equals(textFields(group.path("labels")))) {
                return Optional.of(toPushedGroup(group));
            }
        }
        return Optional.empty();
    }

    private static PushedGroup toPushedGroup(JsonNode group) throws IOException {
        Map<String, Double> gauges = new HashMap<>();
        Map<String, PushedGroup.Histogram> histograms = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = group.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode family = field.getValue();
            JsonNode sample = family.path("metrics").path(0);
            if (!family.isObject() || sample.isMissingNode()) {
                continue; // "labels", "last_push_successful"
            }
            switch (family.path("type").asText()) {
                case "GAUGE" -> gauges.put(field.getKey(), number(sample.path("value")));
                case "HISTOGRAM" -> {
                    TreeMap<Double, Long> cumulative = new TreeMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> buckets = sample.path("buckets").fields(); buckets.hasNext(); ) {
                        Map.Entry<String, JsonNode> bucket = buckets.next();
                        cumulative.put(number(bucket.getKey()), Math.round(number(bucket.getValue())));
                    }
                    histograms.put(field.getKey(), new PushedGroup.Histogram(cumulative, number(sample.path("sum")),
                            Math.round(number(sample.path("count")))));
                }
                default -> {
                    // counters, summaries, untyped: none of this exporter's metrics
                }
            }
        }
        return new PushedGroup(gauges, histograms);
    }

    private static Map<String, String> textFields(JsonNode object) {
        Map<String, String> fields = new HashMap<>();
        object.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    private static double number(JsonNode value) throws IOException {
        return number(value.asText());
    }

    /** A number as the Pushgateway writes it: Go's float formatting, with {@code +Inf}, {@code -Inf} and {@code NaN}. */
    private static double number(String text) throws IOException {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IOException("not a number in the Pushgateway's answer: " + text, e);
                }
            }
        };
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request.uri());
        }
    }

    /**
     * One request to the group's URL in the caller's thread. The answer is read to its end and the connection is not
     * disconnected, so the JDK keeps it open for the next request ({@code http.keepAlive}, on by default).
     */
    private void send(String method, RunKey key, byte[] body, String action) throws IOException {
        URI uri = groupUri(key);
        try {
            try {
                sendOnce(method, uri, body);
            } catch (ConnectException | SocketTimeoutException | PushgatewayAnswer notRetried) {
                throw notRetried;
            } catch (IOException staleConnection) {
                // A kept connection the Pushgateway closed meanwhile (it restarted): once more, on a new connection.
                sendOnce(method, uri, body);
            }
        } catch (IOException e) {
            throw new IOException("Failed to " + action + " the Prometheus Pushgateway on " + address.baseUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private void sendOnce(String method, URI uri, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(Math.toIntExact(timeout.toMillis()));
        connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", textFormat.getContentType());
            // No streaming mode: the connection buffers the body and sends it with the headers in one write, so a
            // kept connection never waits for a delayed ACK between a header and a body segment (Nagle).
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        String answer = readFully(status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream());
        if (status / 100 != 2) {
            throw new PushgatewayAnswer("response code from " + uri + " was " + status + ", response body: " + answer);
        }
    }

    /** The Pushgateway answered, but not with success: not retried. */
    private static final class PushgatewayAnswer extends IOException {

        PushgatewayAnswer(String message) {
            super(message);
        }
    }

    private static String readFully(InputStream answer) throws IOException {
        if (answer == null) {
            return "";
        }
        try (InputStream in = answer) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The group's URL: {@code <base>/metrics/job/<job>[/testid/<testid>]}, the Prometheus client's encoding. */
    URI groupUri(RunKey key) {
        StringBuilder url = new StringBuilder(address.baseUrl()).append("/metrics");
        appendLabel(url, "job", job);
        if (key.isRun()) {
            appendLabel(url, "testid", key.testid());
        }
        return URI.create(url.toString()).normalize();
    }

    private static void appendLabel(StringBuilder url, String name, String value) {
        url.append('/').append(name);
        if (value.isEmpty()) {
            url.append("@base64/=");
        } else if (value.contains("/")) {
            url.append("@base64/").append(Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        } else {
            url.append('/').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
