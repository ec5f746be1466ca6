package dev.perfmonitoring.verification.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prometheus's HTTP API as Grafana uses it: instant and range queries and label values, each answering the
 * {@code data} of a successful response or throwing {@link Rejected} with Prometheus's error.
 */
final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUrl;

    PrometheusApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A query Prometheus did not accept: a parse or execution error. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    JsonNode instant(String promql, Instant time) {
        return post("query", Map.of("query", promql, "time", seconds(time)));
    }

    JsonNode range(String promql, Instant start, Instant end, Duration step) {
        return post("query_range", Map.of("query", promql, "start", seconds(start), "end", seconds(end),
                "step", step.toSeconds() + "s"));
    }

    /** {@code label_values(selector, label)} over a time range, as Grafana resolves a query variable. */
    List<String> labelValues(String label, String selector, Instant start, Instant end) {
        JsonNode data = get("label/" + label + "/values?match[]=" + encode(selector) + "&start=" + seconds(start)
                + "&end=" + seconds(end));
        List<String> values = new ArrayList<>();
        data.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Whether a query result holds at least one sample that is a number (not NaN, not infinite). */
    static boolean hasFiniteSample(JsonNode data) {
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return Double.isFinite(Double.parseDouble(result.get(1).asText()));
        }
        for (JsonNode series : result) {
            if (series.has("value") && Double.isFinite(Double.parseDouble(series.path("value").get(1).asText()))) {
                return true;
            }
            for (JsonNode point : series.path("values")) {
                if (Double.isFinite(Double.parseDouble(point.get(1).asText()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private JsonNode post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + pathAndQuery)).GET());
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new Rejected(response.statusCode() + " " + body.path("errorType").asText() + ": "
                        + body.path("error").asText());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(Instant time) {
        return String.format("%d.%03d", time.getEpochSecond(), time.getNano() / 1_000_000);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
