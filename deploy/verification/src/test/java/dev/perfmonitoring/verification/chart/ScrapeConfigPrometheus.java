package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.process.Binaries;
import dev.perfmonitoring.stack.process.LocalServer;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a loopback port running a given prometheus.yml as is, for
 * checking a hand-written scrape configuration rather than the one PrometheusServer generates.
 */
final class ScrapeConfigPrometheus extends LocalServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScrapeConfigPrometheus(Path binary, Path config, int port, Path home) {
        super("prometheus-config", command(binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"), port, "/-/ready", home);
    }

    /** Starts Prometheus with {@code config} (relative paths in it resolve against its directory). */
    static ScrapeConfigPrometheus start(Path config) {
        Path binary = Binaries.require("PROMETHEUS_BIN", "prometheus", "prometheus");
        ScrapeConfigPrometheus prometheus = new ScrapeConfigPrometheus(binary, config, LoopbackPorts.free(),
                config.toAbsolutePath().getParent());
        prometheus.launch();
        return prometheus;
    }

    /** GETs {@code /api/v1/<path>} until its {@code data} satisfies {@code condition}; fails with the last answer. */
    JsonNode awaitApi(String path, Predicate<JsonNode> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode data;
        do {
            data = read(get("/api/v1/" + path)).path("data");
            if (condition.test(data)) {
                return data;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("/api/v1/" + path + " after " + timeout.toSeconds() + " s: " + data + describe());
    }

    static String query(String promql) {
        return "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
