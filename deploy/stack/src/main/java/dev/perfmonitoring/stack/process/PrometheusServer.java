package dev.perfmonitoring.stack.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.StreamSupport;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a loopback port, with the scrape jobs and rule files a
 * test gives it and the remote-write receiver on.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrapeInterval("1s")
 *         .scrapeJob(ScrapeJob.pushgateway("pushgateway", pushgateway.url().substring(7)))
 *         .ruleFile(rules)
 *         .start()) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(20));
 *     OptionalDouble up = prometheus.value("up{job=\"pushgateway\"}");
 * }
 * }</pre>
 */
public final class PrometheusServer extends LocalServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusServer(List<String> command, int port, Path workDir) {
        super("prometheus", command, port, "/-/ready", workDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code data} object of an instant query; a query Prometheus rejects throws with its error message. */
    public JsonNode query(String promql) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))));
        JsonNode body = parse(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new PromQueryException(promql, body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    /** The series of an instant vector query (each with {@code metric} and {@code value}). */
    public List<JsonNode> vector(String promql) {
        JsonNode result = query(promql).path("result");
        return StreamSupport.stream(result.spliterator(), false).toList();
    }

    /** The value of the first series (or of a scalar); empty when the query returns nothing. */
    public OptionalDouble value(String promql) {
        JsonNode data = query(promql);
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return OptionalDouble.of(Double.parseDouble(result.get(1).asText()));
        }
        if (result.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
    }

    /** Polls until {@code promql} returns at least one series, or fails after {@code timeout} naming the query. */
    public List<JsonNode> awaitSeries(String promql, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<JsonNode> series = vector(promql);
            if (!series.isEmpty()) {
                return series;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no series for " + promql + " within " + timeout.toSeconds() + " s" + describe());
            }
            pause();
        }
    }

    /** Polls {@code /api/v1/targets} until every active target is up; fails listing the ones that are not. */
    public void awaitTargetsUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> notUp = targetsNotUp();
            if (notUp.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("targets not up after " + timeout.toSeconds() + " s: " + notUp + describe());
            }
            pause();
        }
    }

    /** Active targets whose health is not {@code up}, as {@code job@url (health: lastError)}; empty when none. */
    public List<String> targetsNotUp() {
        JsonNode active = parse(get("/api/v1/targets?state=active")).path("data").path("activeTargets");
        List<String> notUp = new ArrayList<>();
        for (JsonNode target : active) {
            if (!"up".equals(target.path("health").asText())) {
                notUp.add(target.path("labels").path("job").asText() + "@" + target.path("scrapeUrl").asText()
                        + " (" + target.path("health").asText() + ": " + target.path("lastError").asText() + ")");
            }
        }
        if (active.isEmpty()) {
            notUp.add("(no active targets yet)");
        }
        return notUp;
    }

    /** The loaded rule groups ({@code /api/v1/rules}). */
    public JsonNode ruleGroups() {
        return parse(get("/api/v1/rules")).path("data").path("groups");
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A query Prometheus rejected (parse or execution error). */
    public static final class PromQueryException extends RuntimeException {
        public PromQueryException(String query, String error) {
            super(error + " in query: " + query);
        }
    }

    /** Configuration of a {@link PrometheusServer}; {@link #start()} writes {@code prometheus.yml} and starts it. */
    public static final class Builder {
        private String scrapeInterval = "1s";
        private String evaluationInterval = "1s";
        private final List<ScrapeJob> scrapeJobs = new ArrayList<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private int port;
        private Path workDir = ServerDirectories.forTests();
        private Path dataDir;

        private Builder() {
        }

        /** Scrape interval of every job, in Prometheus duration syntax (default {@code 1s}, to keep tests short). */
        public Builder scrapeInterval(String interval) {
            this.scrapeInterval = interval;
            return this;
        }

        /** Rule evaluation interval (default {@code 1s}). */
        public Builder evaluationInterval(String interval) {
            this.evaluationInterval = interval;
            return this;
        }

        public Builder scrapeJob(ScrapeJob job) {
            scrapeJobs.add(job);
            return this;
        }

        /** A Prometheus rule file (groups of recording and alerting rules) to load. */
        public Builder ruleFile(Path file) {
            ruleFiles.add(file.toAbsolutePath());
            return this;
        }

        /** Listen on this port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the configuration, data and log go (default {@code target/servers} of the module under test). */
        public Builder workDir(Path dir) {
            this.workDir = dir.toAbsolutePath();
            return this;
        }

        /**
         * Keep the TSDB here (default: {@code <workDir>/prometheus-<port>/data}); point a new server at the data of one
         * that has stopped to query what it recorded.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath();
            return this;
        }

        public PrometheusServer start() {
            Path binary = Binaries.require("PROMETHEUS_BIN", "prometheus", "prometheus");
            int listenPort = port != 0 ? port : LoopbackPorts.free();
            Path home = workDir.resolve("prometheus-" + listenPort);
            Path config = home.resolve("prometheus.yml");
            try {
                Files.createDirectories(home);
                Files.writeString(config, configYaml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PrometheusServer server = new PrometheusServer(command(binary,
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + (dataDir != null ? dataDir : home.resolve("data")),
                    "--web.listen-address=127.0.0.1:" + listenPort,
                    "--web.enable-remote-write-receiver",
                    "--web.enable-lifecycle",
                    "--log.level=warn"), listenPort, workDir);
            server.launch();
            return server;
        }

        String configYaml() {
            StringBuilder yaml = new StringBuilder()
                    .append("global:\n")
                    .append("  scrape_interval: ").append(scrapeInterval).append('\n')
                    .append("  evaluation_interval: ").append(evaluationInterval).append('\n');
            if (!ruleFiles.isEmpty()) {
                yaml.append("rule_files:\n");
                ruleFiles.forEach(file -> yaml.append("  - \"").append(file).append("\"\n"));
            }
            yaml.append("scrape_configs:\n");
            scrapeJobs.forEach(job -> yaml.append(job.toYaml(scrapeInterval)));
            return yaml.toString();
        }
    }
}
