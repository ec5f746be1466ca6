package dev.perfmonitoring.stack.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prometheus's HTTP API, as the stack, the reports and the tests use it: instant and range queries, label values,
 * targets and rule groups. Every answer Prometheus gives with {@code "status":"error"} throws
 * {@link PrometheusQueryException} with Prometheus's own message; no answer at all (nothing listening, a timeout,
 * something that is not Prometheus) throws {@link PrometheusUnreachableException}.
 *
 * <pre>{@code
 * PrometheusClient prometheus = new PrometheusClient(URI.create("http://127.0.0.1:9090"));
 * List<Sample> rates = prometheus.query("job_method_path:http_requests:rate1m", Instant.now());
 * }</pre>
 */
public final class PrometheusClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI baseUrl;

    /** A client with its own HTTP client; {@code baseUrl} like {@code http://127.0.0.1:9090}. */
    public PrometheusClient(URI baseUrl) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), baseUrl);
    }

    public PrometheusClient(HttpClient http, URI baseUrl) {
        this.http = http;
        String url = baseUrl.toString();
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The series of an instant query evaluated now. */
    public List<Sample> query(String promql) {
        return samples(instant(promql, null));
    }

    /** The series of an instant query evaluated at {@code time}, so several queries see the same moment. */
    public List<Sample> query(String promql, Instant time) {
        return samples(instant(promql, time));
    }

    /** The value of the first series (or of a scalar) now; empty when the query returns nothing. */
    public OptionalDouble value(String promql) {
        List<Sample> samples = query(promql);
        return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(samples.get(0).value());
    }

    /** The {@code data} of an instant query ({@code resultType} and {@code result}), now when {@code time} is null. */
    public JsonNode instant(String promql, Instant time) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        if (time != null) {
            form.put("time", seconds(time));
        }
        return post("query", form);
    }

    /** The {@code data} of a range query ({@code resultType} matrix, each series with {@code values}). */
    public JsonNode range(String promql, Instant start, Instant end, Duration step) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        // seconds as a float: Prometheus 2.42 parses "5.0" but refuses "5.0s"
        form.put("step", Double.toString(step.toMillis() / 1000.0));
        return post("query_range", form);
    }

    /** {@code label_values(selector, label)} over a time range, as Grafana resolves a query variable. */
    public List<String> labelValues(String label, String selector, Instant start, Instant end) {
        JsonNode data = get("label/" + label + "/values?match[]=" + encode(selector) + "&start=" + seconds(start)
                + "&end=" + seconds(end));
        List<String> values = new ArrayList<>();
        data.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The active scrape targets ({@code /api/v1/targets}). */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (JsonNode target : get("targets?state=active").path("activeTargets")) {
            targets.add(new Target(target.path("labels").path("job").asText(), target.path("scrapeUrl").asText(),
                    target.path("health").asText(), target.path("lastError").asText()));
        }
        return targets;
    }

    /** The loaded rule groups ({@code /api/v1/rules}), each with its {@code name}, {@code file} and {@code rules}. */
    public JsonNode ruleGroups() {
        return get("rules").path("groups");
    }

    /** Whether Prometheus answers its readiness endpoint with 200 now. */
    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(TIMEOUT).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a query result holds at least one sample that is a number (not NaN, not infinite). */
    public static boolean hasFiniteSample(JsonNode data) {
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return Double.isFinite(number(result.get(1)));
        }
        for (JsonNode series : result) {
            if (series.has("value") && Double.isFinite(number(series.path("value").get(1)))) {
                return true;
            }
            for (JsonNode point : series.path("values")) {
                if (Double.isFinite(number(point.get(1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Sample> samples(JsonNode data) {
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return List.of(new Sample(Map.of(), number(result.get(1))));
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode series : result) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            samples.add(new Sample(labels, number(series.path("value").get(1))));
        }
        return samples;
    }

    private JsonNode post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), form.getOrDefault("query", endpoint));
    }

    private JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + pathAndQuery)).GET(), pathAndQuery);
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new PrometheusUnreachableException(baseUrl, "connection refused (is it running? is the port right?)");
        } catch (HttpTimeoutException e) {
            throw new PrometheusUnreachableException(baseUrl, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new PrometheusUnreachableException(baseUrl, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusUnreachableException(baseUrl, "interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusUnreachableException(baseUrl, "HTTP " + response.statusCode()
                    + " with a body that is not Prometheus's JSON API");
        }
        if (!"success".equals(body.path("status").asText())) {
            if (!body.has("errorType")) {
                throw new PrometheusUnreachableException(baseUrl, "HTTP " + response.statusCode()
                        + " with a body that is not Prometheus's JSON API");
            }
            throw new PrometheusQueryException(what, body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    private static double number(JsonNode value) {
        return Double.parseDouble(value.asText());
    }

    private static String seconds(Instant time) {
        return String.format("%d.%03d", time.getEpochSecond(), time.getNano() / 1_000_000);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * One series of an instant vector (or a scalar, with no labels).
     *
     * @param labels its labels, sorted by name
     * @param value  its value
     */
    public record Sample(Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    /**
     * One active scrape target.
     *
     * @param job       its {@code job} label
     * @param scrapeUrl the URL Prometheus scrapes
     * @param health    {@code up}, {@code down} or {@code unknown}
     * @param lastError the last scrape's error, empty when it worked
     */
    public record Target(String job, String scrapeUrl, String health, String lastError) {
        public boolean isUp() {
            return "up".equals(health);
        }

        @Override
        public String toString() {
            return job + "@" + scrapeUrl + " (" + health + (lastError.isEmpty() ? "" : ": " + lastError) + ")";
        }
    }
}
