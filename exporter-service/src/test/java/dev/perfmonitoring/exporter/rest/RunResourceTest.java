package dev.perfmonitoring.exporter.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunResourceTest {

    @Test
    void listsNoRunsBeforeAnythingWasPushed() {
        given().when().get("/runs")
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(0));
    }
}
