package dev.perfmonitoring.exposer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExpositionResourceTest {

    @Test
    void servesThePrometheusTextExpositionAtTheRootPath() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("# TYPE jvm_threads_live_threads gauge"));
    }
}
