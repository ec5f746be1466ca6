package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PersonResourceTest {

    @Test
    void listsNoPersonsWhenTheStoreIsEmpty() {
        given().when().get("/person/list")
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(0));
    }
}
