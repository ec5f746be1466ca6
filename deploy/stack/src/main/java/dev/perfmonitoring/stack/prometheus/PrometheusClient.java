package dev.perfmonitoring.stack.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.TreeMap;

/** Instant queries against Prometheus's HTTP API. */
public final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;

    public PrometheusClient(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** The series of an instant vector query now; a rejected query or an unreachable server throws. */
    public List<Sample> query(String promql) throws IOException, InterruptedException {
        return query(promql, "");
    }

    /** The series of an instant vector query evaluated at {@code time}, so several queries see the same moment. */
    public List<Sample> query(String promql, Instant time) throws IOException, InterruptedException {
        return query(promql, "&time=" + time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000));
    }

    private List<Sample> query(String promql, String timeParameter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + timeParameter))
                .build();
        JsonNode body = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException("Prometheus rejected " + promql + ": " + body.path("error").asText());
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : body.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            samples.add(new Sample(labels, Double.parseDouble(series.path("value").get(1).asText())));
        }
        return samples;
    }

    /**
     * One series of an instant vector.
     *
     * @param labels its labels, sorted by name
     * @param value  its value
     */
    public record Sample(Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }
}
