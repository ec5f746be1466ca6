package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code EXPORTER_MAX_RUNS} bounds the runs kept in memory: one more is refused with 409 until a run is deleted. */
@QuarkusTest
@TestProfile(RunLimitTest.TwoRuns.class)
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class RunLimitTest {

    @Test
    void refusesARunBeyondTheLimitWith409UntilOneIsDeleted() {
        post("/updateTotal?testid=limit-a", "{\"totalReq\": 1}").statusCode(202);
        post("/updateTotal?testid=limit-b", "{\"totalReq\": 1}").statusCode(202);

        post("/updateTotal?testid=limit-c", "{\"totalReq\": 1}")
                .statusCode(409)
                .body("error", equalTo("testid: at most 2 runs are kept (EXPORTER_MAX_RUNS); DELETE /runs/{testid} finished runs first"))
                .body("status", equalTo(409));
        post("/updateTotal?testid=limit-a", "{\"totalReq\": 1}").statusCode(202);
        post("/updateTotal", "{\"totalReq\": 1}").statusCode(202);

        given().when().delete("/runs/limit-a").then().statusCode(204);
        post("/updateTotal?testid=limit-c", "{\"totalReq\": 1}").statusCode(202);
    }

    public static class TwoRuns implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exporter.max-runs", "2");
        }
    }
}
