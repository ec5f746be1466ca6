package dev.perfmonitoring.demoapi.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.demoapi.MetricsScrape;
import dev.perfmonitoring.stack.prometheus.ExpositionLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up: readiness waits for it, and it leaves nothing a user sees: no person, no count in the
 * prometric metrics, no series in Quarkus's http_server_requests_seconds. (Its 180 rounds of nine requests ran before
 * the first request of this test was let through.)
 */
@QuarkusTest
@TestProfile(WarmUpTest.LongerWarmUp.class)
class WarmUpTest {

    /** A fresh application with a longer warm-up than the other tests'. */
    public static class LongerWarmUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo-api.warm-up.rounds", "45", "demo-api.warm-up.clients", "4");
        }
    }

    @Inject
    WarmUp warmUp;

    @Test
    void leavesNoPersonAndNoCountBehindAndReadinessWaitsForIt() {
        given().get("/person/list").then().statusCode(200).body("total", equalTo(0));
        assertThat(warmUp.requestsAnswered()).as("every round of every client answered").isEqualTo(45 * 4 * 9);

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"));
        String exposition = MetricsScrape.exposition();
        assertThat(ExpositionLines.samples(exposition, "person_created_total")).containsExactly("person_created_total 0.0");
        assertThat(ExpositionLines.samples(exposition, "person_deleted_total")).containsExactly("person_deleted_total 0.0");
        assertThat(ExpositionLines.samples(exposition, "person_not_found_total"))
                .containsExactly("person_not_found_total 0.0");
        assertThat(ExpositionLines.samples(exposition, "person_store_count")).containsExactly("person_store_count 0.0");
        assertThat(ExpositionLines.samples(exposition, "http_requests_total"))
                .filteredOn(line -> !line.endsWith(" 0.0"))
                .containsExactly("http_requests_total{code=\"200\",method=\"GET\",path=\"/person/list\",} 1.0");
        assertThat(ExpositionLines.samples(exposition, "person_payload_size_bytes"))
                .contains("person_payload_size_bytes_count 0.0");
        assertThat(exposition.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")))
                .singleElement().asString()
                .contains("method=\"GET\"", "uri=\"/person/list\"", "status=\"200\"").endsWith(" 1.0");
    }
}
