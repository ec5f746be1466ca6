package dev.perfmonitoring.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged exporter configured only through environment variables, named exactly as documented: the original
 * exporter's {@code PUSH_GATEWAY_URL} (here with a trailing slash) and {@code JOB_NAME}, plus {@code EXPORTER_*}.
 */
class EnvironmentConfigurationIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PushgatewayServer pushgateway;
    private Process exporter;
    private String exporterUrl;
    private Path log;

    @BeforeEach
    void startExporterFromEnvironment() throws IOException {
        assertThat(JAR).as("package the exporter first (mvn verify does)").exists();
        pushgateway = PushgatewayServer.start();
        int port = LoopbackPorts.free();
        exporterUrl = "http://127.0.0.1:" + port;
        log = Files.createTempFile("exporter-env-", ".log");
        ProcessBuilder command = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = command.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("PUSH_GATEWAY_URL", pushgateway.url() + "/");
        environment.put("JOB_NAME", "env-job");
        environment.put("EXPORTER_PUSH_MODE", "sync");
        environment.put("EXPORTER_TOKEN", "env-token");
        environment.put("EXPORTER_MAX_RUNS", "1");
        exporter = command.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(exporter.isAlive()).as("exporter exited: " + Files.readString(log)).isTrue();
                    return status(HttpRequest.newBuilder(URI.create(exporterUrl + "/q/health/live"))) == 200;
                });
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (exporter != null) {
            exporter.destroy();
            if (!exporter.waitFor(20, TimeUnit.SECONDS)) {
                exporter.destroyForcibly();
            }
        }
        if (pushgateway != null) {
            pushgateway.close();
        }
    }

    @Test
    void readsTheDocumentedEnvironmentVariables() throws Exception {
        assertThat(postTotal("env-run", null)).as("EXPORTER_TOKEN").isEqualTo(401);
        assertThat(postTotal("env-run", "env-token")).as("EXPORTER_PUSH_MODE=sync answers 200").isEqualTo(200);

        assertThat(pushgateway.samples("Loadtests_total_overall_requests_made"))
                .as("PUSH_GATEWAY_URL with a trailing slash, JOB_NAME")
                .containsExactly("Loadtests_total_overall_requests_made{instance=\"\",job=\"env-job\",testid=\"env-run\"} 1");
        assertThat(postTotal("second-run", "env-token")).as("EXPORTER_MAX_RUNS=1").isEqualTo(409);
    }

    private int postTotal(String testid, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(exporterUrl + "/updateTotal?testid=" + testid))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"totalReq\": 1}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return status(request);
    }

    private static int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException notYetListening) {
            return -1;
        }
    }
}
