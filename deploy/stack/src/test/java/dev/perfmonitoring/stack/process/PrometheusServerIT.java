package dev.perfmonitoring.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

                List<JsonNode> doubled = prometheus.awaitSeries("job:demo_requests:doubled", Duration.ofSeconds(20));

                assertThat(doubled).hasSize(1);
                assertThat(doubled.get(0).path("metric").path("job").asText()).isEqualTo("loadtest");
                assertThat(doubled.get(0).path("metric").path("testid").asText()).isEqualTo("run-7");
                assertThat(doubled.get(0).path("value").get(1).asText()).isEqualTo("42");
            }
        }
    }

    @Test
    void rejectsAQueryThatDoesNotParseNamingTheQuery() {
        try (PrometheusServer prometheus = PrometheusServer.builder().start()) {
            assertThatThrownBy(() -> prometheus.query("sum(rate(x[5m])"))
                    .isInstanceOf(PrometheusServer.PromQueryException.class)
                    .hasMessageContaining("bad_data")
                    .hasMessageContaining("sum(rate(x[5m])");
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
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("nothing-there@http://127.0.0.1:" + closedPort + "/metrics (down: ");
        }
    }
}
