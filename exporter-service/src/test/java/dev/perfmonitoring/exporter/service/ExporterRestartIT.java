package dev.perfmonitoring.exporter.service;

import static dev.perfmonitoring.exporter.service.InProcessExporter.pushedLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.stack.process.QuarkusAppServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged exporter ({@code java -jar target/quarkus-app/quarkus-run.jar}) killed with SIGKILL mid-run and started
 * again, stopped with SIGTERM right after a burst of writes, and restarted while it cannot reach the Pushgateway,
 * all against a real Pushgateway: the run's totals and histogram counts continue, and nothing accepted is lost.
 */
class ExporterRestartIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private PushgatewayServer pushgateway;
    private QuarkusAppServer exporter;

    @BeforeEach
    void startPushgateway() {
        pushgateway = PushgatewayServer.start();
    }

    @AfterEach
    void stopEverything() {
        if (exporter != null) {
            exporter.close();
        }
        pushgateway.close();
    }

    @Test
    void aRunContinuesAfterTheExporterIsKilledAndStartedAgain() throws Exception {
        int port = LoopbackPorts.free();
        exporter = startExporter(port, pushgateway.url(), Map.of());
        for (int i = 0; i < 200; i++) {
            post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"killed\"}");
        }
        for (int millis : new int[] {250, 250, 500, 2000}) {
            post("/updateAvgTime", "{\"time\": " + millis + ", \"testid\": \"killed\"}");
        }
        awaitPushed("killed");

        kill();
        exporter = startExporter(port, pushgateway.url(), Map.of());
        for (int i = 0; i < 50; i++) {
            post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"killed\"}");
        }
        post("/updateAvgTime", "{\"time\": 125, \"testid\": \"killed\"}");
        awaitPushed("killed");

        List<String> expected = new ArrayList<>(RunRecoveryTest.histogram("Loadtests_avgtime_taken_by_batch", "killed",
                "3.125", "0.001=0", "0.0025=0", "0.005=0", "0.01=0", "0.025=0", "0.05=0", "0.1=0", "0.2=1", "0.3=3",
                "0.5=4", "1=4", "2.5=5", "5=5", "10=5", "30=5", "+Inf=5"));
        expected.add("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"killed\"} 250");
        assertThat(pushedLines(pushgateway, "killed")).containsExactlyElementsOf(expected);
    }

    @Test
    void sigtermPushesEverythingAcceptedBeforeTheProcessEnds() throws Exception {
        // After the first push, an hour must pass before the next: only the shutdown can push the burst.
        exporter = startExporter(LoopbackPorts.free(), pushgateway.url(), Map.of("EXPORTER_PUSH_INTERVAL", "1h"));
        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"burst\"}");
        awaitPushed("burst");

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                senders.add(threads.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"burst\"}");
                        post("/updateTime", "{\"time\": 42, \"testid\": \"burst\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(pushedLines(pushgateway, "burst")).as("the burst waits for the next interval")
                .containsExactly("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"burst\"} 1");

        ProcessHandle process = ProcessHandle.of(exporter.pid()).orElseThrow();
        process.destroy();
        process.onExit().get(30, TimeUnit.SECONDS);

        assertThat(pushedLines(pushgateway, "burst")).contains(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"burst\"} 2001",
                "Loadtests_test_run_time_count{instance=\"\",job=\"loadtest\",testid=\"burst\"} 2000",
                "Loadtests_test_run_time_sum{instance=\"\",job=\"loadtest\",testid=\"burst\"} 84000");
        assertThat(Files.readString(exporter.logFile())).contains("Pushed the last updates of 1 groups before shutting down");
    }

    @Test
    void aRestartedExporterThatCannotReachThePushgatewayKeepsTheWritesUntilItCan() throws Exception {
        int port = LoopbackPorts.free();
        try (TcpRelay network = new TcpRelay(pushgateway.port())) {
            exporter = startExporter(port, network.url(), Map.of());
            post("/updateTotal", "{\"totalReq\": 200, \"testid\": \"unreachable\"}");
            post("/updateTime", "{\"time\": 42, \"testid\": \"unreachable\"}");
            awaitPushed("unreachable");
            kill();

            network.cut();
            exporter = startExporter(port, network.url(), Map.of());
            post("/updateTotal", "{\"totalReq\": 50, \"testid\": \"unreachable\"}");
            post("/updateTime", "{\"time\": 5400, \"testid\": \"unreachable\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> ownMetric("exporter_pushes_total{result=\"failure\"}") >= 2);
            assertThat(run("unreachable").path("pending").asBoolean()).isTrue();
            assertThat(status("/q/health/ready")).isEqualTo(200);
            assertThat(pushedLines(pushgateway, "unreachable")).contains(
                    "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"unreachable\"} 200");

            network.restore();
            awaitPushed("unreachable");
        }

        assertThat(pushedLines(pushgateway, "unreachable")).contains(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"unreachable\"} 250",
                "Loadtests_test_run_time_count{instance=\"\",job=\"loadtest\",testid=\"unreachable\"} 2",
                "Loadtests_test_run_time_sum{instance=\"\",job=\"loadtest\",testid=\"unreachable\"} 5442");
    }

    private QuarkusAppServer startExporter(int port, String pushgatewayUrl, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("PUSH_GATEWAY_URL", pushgatewayUrl);
        environment.putIfAbsent("EXPORTER_PUSH_INTERVAL", "200ms");
        environment.put("EXPORTER_PUSH_MAX_BACKOFF", "1s");
        environment.put("EXPORTER_PUSH_TIMEOUT", "2s");
        return QuarkusAppServer.start("exporter", APP.toAbsolutePath(), port, environment, workDir);
    }

    /** SIGKILL, as an OOM kill or a lost node ends a pod: no shutdown hook runs. */
    private void kill() throws Exception {
        ProcessHandle process = ProcessHandle.of(exporter.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        exporter.close();
        exporter = null;
    }

    private void post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(exporter.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertThat(send(request).statusCode()).as("POST " + path + " " + body).isEqualTo(202);
    }

    private int status(String path) {
        return send(HttpRequest.newBuilder(URI.create(exporter.url() + path)).build()).statusCode();
    }

    private JsonNode run(String testid) throws IOException {
        for (JsonNode run : JSON.readTree(exporter.get("/runs"))) {
            if (testid.equals(run.path("testid").asText())) {
                return run;
            }
        }
        throw new AssertionError("no run " + testid + " in GET /runs");
    }

    private void awaitPushed(String testid) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !run(testid).path("pending").asBoolean(true));
    }

    private double ownMetric(String sample) {
        return exporter.get("/q/metrics").lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
