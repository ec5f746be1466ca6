package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.demoapi.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(StoreCapacityTest.CapacityThree.class)
class StoreCapacityTest {

    /** A fresh application whose store holds three persons. */
    public static class CapacityThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("demo-api.store.capacity", "3");
        }
    }

    @Test
    void answersCreateBeyondCapacityWith507UntilAPersonIsDeleted() {
        long first = PersonResourceTest.create("One", "Person");
        PersonResourceTest.create("Two", "Person");
        PersonResourceTest.create("Three", "Person");

        given().contentType(ContentType.JSON).body("{\"first_name\": \"Four\", \"last_name\": \"Person\"}")
                .post("/person")
                .then().statusCode(507)
                .contentType(ContentType.JSON)
                .body("error", equalTo("person store is full (capacity 3)"))
                .body("status", equalTo(507));
        given().get("/person/list").then().statusCode(200).body("total", equalTo(3));
        String exposition = MetricsScrape.exposition();
        assertThat(MetricsScrape.value(exposition, "person_store_count")).isEqualTo(3.0);
        assertThat(MetricsScrape.value(exposition, "person_created_total")).isEqualTo(3.0);

        given().delete("/person/" + first).then().statusCode(204);
        PersonResourceTest.create("Four", "Person");

        given().get("/person/list").then().statusCode(200).body("total", equalTo(3));
    }
}
