package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.demoapi.MetricsScrape;
import dev.perfmonitoring.stack.prometheus.ExpositionLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With the management interface off (the default), metrics and health are on the application port, with aliases. */
@QuarkusTest
class ManagementAliasesTest {

    @Test
    void servesPrometheusMetricsAtMetricsAsAtQMetrics() {
        given().get("/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE person_store_count gauge"))
                .body(containsString("http_server_requests_seconds"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/health", "/health/live", "/health/ready", "/health/started" })
    void servesHealthAtTheHealthAliases(String path) {
        given().get(path)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"));
        given().get("/q" + path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void leavesScrapesAndProbesOutOfTheRequestMetrics() {
        String before = MetricsScrape.exposition();

        for (String path : new String[] { "/metrics", "/q/metrics", "/health", "/health/live", "/q/health/ready" }) {
            given().get(path).then().statusCode(200);
        }

        String after = MetricsScrape.exposition();
        for (String metric : new String[] { "http_requests_total", "http_status_code_total",
                "http_request_duration_seconds", "http_server_requests_seconds" }) {
            assertThat(ExpositionLines.samples(after, metric)).as(metric)
                    .containsExactlyElementsOf(ExpositionLines.samples(before, metric));
        }
    }
}
