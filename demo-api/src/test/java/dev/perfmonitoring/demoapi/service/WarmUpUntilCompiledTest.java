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
 * The warm-up as images run it: past its fewest rounds until the JIT compilers are quiet (here given at most 2 s), with
 * the simulated latency on (the warm-up's delays are capped at a millisecond). It still leaves nothing behind.
 */
@QuarkusTest
@TestProfile(WarmUpUntilCompiledTest.UntilCompiled.class)
class WarmUpUntilCompiledTest {

    public static class UntilCompiled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo-api.warm-up.rounds", "2", "demo-api.warm-up.clients", "2",
                    "demo-api.warm-up.until-compiled", "true", "demo-api.warm-up.max-duration", "2s",
                    "demo-api.latency.mode", "long-tail");
        }
    }

    @Inject
    WarmUp warmUp;

    @Test
    void goesOnPastItsRoundsAndLeavesNothingBehind() {
        given().get("/person/list").then().statusCode(200).body("total", equalTo(0));

        assertThat(warmUp.isFinished()).isTrue();
        long answered = warmUp.requestsAnswered();
        assertThat(answered).as("whole rounds of nine").isGreaterThanOrEqualTo(2 * 2 * 9).isEqualTo(answered / 9 * 9);
        given().get("/q/health/ready").then().statusCode(200);
        String exposition = MetricsScrape.exposition();
        assertThat(ExpositionLines.samples(exposition, "person_created_total")).containsExactly("person_created_total 0.0");
        assertThat(ExpositionLines.samples(exposition, "person_store_count")).containsExactly("person_store_count 0.0");
        assertThat(ExpositionLines.samples(exposition, "http_requests_total"))
                .filteredOn(line -> !line.endsWith(" 0.0"))
                .containsExactly("http_requests_total{code=\"200\",method=\"GET\",path=\"/person/list\",} 1.0");
        assertThat(ExpositionLines.samples(exposition, "http_request_duration_seconds_count"))
                .filteredOn(line -> !line.endsWith(" 0.0"))
                .containsExactly("http_request_duration_seconds_count{method=\"GET\",path=\"/person/list\",} 1.0");
    }
}
