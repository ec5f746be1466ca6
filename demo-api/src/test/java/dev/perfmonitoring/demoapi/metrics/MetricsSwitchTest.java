package dev.perfmonitoring.demoapi.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DEMO_API_METRICS_ENABLED=false removes the prometric metrics and leaves Quarkus's own. */
@QuarkusTest
@TestProfile(MetricsSwitchTest.CustomMetricsOff.class)
class MetricsSwitchTest {

    /** A fresh application with the custom metrics switched off. */
    public static class CustomMetricsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo-api.metrics.enabled", "false");
        }
    }

    @Test
    void servesTheApiWithOnlyQuarkusMetrics() {
        long id = given().contentType(ContentType.JSON).body("{\"first_name\": \"No\", \"last_name\": \"Metrics\"}")
                .post("/person").then().statusCode(201).extract().jsonPath().getLong("id");
        given().get("/person/" + id).then().statusCode(200);
        given().get("/person/0").then().statusCode(404);

        String exposition = MetricsScrape.exposition();

        assertThat(MetricsScrape.series(exposition)).noneMatch(series -> series.startsWith("http_requests_")
                || series.startsWith("http_status_code") || series.startsWith("http_request_duration_seconds")
                || series.startsWith("person_") || series.startsWith("app_"));
        assertThat(MetricsScrape.value(exposition, "http_server_requests_seconds_count"
                + "{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/person/{id}\",}")).isEqualTo(1.0);
    }
}
