package dev.perfmonitoring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.stack.process.ScrapeJob;
import dev.perfmonitoring.stack.process.ServerStartException;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.prometheus.PrometheusQueryException;
import dev.perfmonitoring.stack.prometheus.PrometheusUnreachableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Prometheus started by {@link PrometheusServer} and read through the one {@link PrometheusClient}. */
class PrometheusServerIT {

    @Test
    void scrapesAPushgatewayWithHonoredLabelsAndEvaluatesRules(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                groups:
                  - name: test
                    interval: 1s
                    rules:
                      - record: job:demo_requests:doubled
                        expr: demo_requests * 2
                """);
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            PushgatewayServerIT.push(pushgateway, "/metrics/job/loadtest/testid/run-7", "demo_requests 21\n");
            try (PrometheusServer prometheus = PrometheusServer.builder()
                    .scrapeJob(ScrapeJob.pushgateway("pushgateway", "127.0.0.1:" + pushgateway.port()))
                    .ruleFile(rules)
                    .start()) {
                prometheus.awaitTargetsUp(Duration.ofSeconds(20));

                List<Sample> doubled = PrometheusAssertions.awaitSeries(prometheus, "job:demo_requests:doubled",
                        Duration.ofSeconds(20));

                assertThat(doubled).hasSize(1);
                assertThat(doubled.get(0).label("job")).isEqualTo("loadtest");
                assertThat(doubled.get(0).label("testid")).isEqualTo("run-7");
                assertThat(doubled.get(0).value()).isEqualTo(42);
                assertThat(prometheus.client().value("job:demo_requests:doubled")).hasValue(42);
                assertThat(prometheus.client().ruleGroups().get(0).path("name").asText()).isEqualTo("test");
            }
        }
    }

    @Test
    void remoteWriteReceiverCanBeTurnedOffAndFeatureFlagsOn() throws Exception {
        try (PrometheusServer receiving = PrometheusServer.builder().start();
                PrometheusServer notReceiving = PrometheusServer.builder().remoteWriteReceiver(false)
                        .enableFeature("native-histograms").start()) {
            HttpClient http = HttpClient.newHttpClient();

            // with the receiver an empty write request is malformed (400); without it the path does not exist (404)
            assertThat(emptyWrite(http, receiving)).isEqualTo(400);
            assertThat(emptyWrite(http, notReceiving)).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(notReceiving.url() + "/api/v1/status/flags")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .contains("\"enable-feature\":\"native-histograms\"")
                    .contains("\"web.enable-remote-write-receiver\":\"false\"");
        }
    }

    private static int emptyWrite(HttpClient http, PrometheusServer prometheus) throws Exception {
        HttpRequest write = HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/write"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .build();
        return http.send(write, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void rejectsAQueryThatDoesNotParseNamingTheQuery() {
        try (PrometheusServer prometheus = PrometheusServer.builder().start()) {
            assertThatThrownBy(() -> prometheus.client().query("sum(rate(x[5m])"))
                    .isInstanceOf(PrometheusQueryException.class)
                    .hasMessageContaining("bad_data")
                    .hasMessageContaining("sum(rate(x[5m])");
        }
    }

    @Test
    void aClientWithNothingListeningSaysNoPrometheusAnswers() {
        URI nowhere = URI.create("http://127.0.0.1:" + LoopbackPorts.free());

        assertThatThrownBy(() -> new PrometheusClient(nowhere).query("up"))
                .isInstanceOf(PrometheusUnreachableException.class)
                .hasMessageStartingWith("no Prometheus answers at " + nowhere);
    }

    @Test
    void aServerThatIsNotPrometheusIsNoPrometheus() {
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            assertThatThrownBy(() -> new PrometheusClient(URI.create(pushgateway.url() + "/nothing")).query("up"))
                    .isInstanceOf(PrometheusUnreachableException.class)
                    .hasMessageContaining("not Prometheus's JSON API");
        }
    }

    @Test
    void reportsTargetsThatAreDown() {
        int closedPort = LoopbackPorts.free();
        try (PrometheusServer prometheus = PrometheusServer.builder()
                .scrapeJob(ScrapeJob.of("nothing-there", "/metrics", "127.0.0.1:" + closedPort))
                .start()) {
            // Prometheus applies discovered targets every 5 s, so the target shows up (as down) after at most that.
            assertThatThrownBy(() -> prometheus.awaitTargetsUp(Duration.ofSeconds(8)))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("nothing-there@http://127.0.0.1:" + closedPort + "/metrics (down: ");
        }
    }

    @Test
    void aPortTakenByAnotherServerIsNamedWithItsProcessBeforeAnythingStarts() {
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            assertThatThrownBy(() -> PrometheusServer.builder().port(pushgateway.port()).start())
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("port " + pushgateway.port() + " for prometheus is already in use by pid "
                            + pushgateway.pid() + " (")
                    .hasMessageContaining("pushgateway");
        }
    }
}
