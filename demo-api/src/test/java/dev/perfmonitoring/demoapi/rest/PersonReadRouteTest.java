package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PersonReadRoute} answers numeric reads exactly as {@link PersonResource} does: for each request, the answer
 * to it as a load tool sends it (the route's) equals the answer JAX-RS gives when an {@code Accept} header sends it
 * past the route - status, content type and body, byte for byte.
 */
@QuarkusTest
class PersonReadRouteTest {

    /** JAX-RS answers this with JSON; the route leaves it to JAX-RS. */
    private static final String NEGOTIATED = "application/json;q=0.9, text/plain;q=0.1";

    @Test
    void answersReadsOfNumericIdsAsJaxRsDoes() {
        long id = given().contentType(ContentType.JSON)
                .body("{\"first_name\": \"Ada\", \"last_name\": \"Love\\\"lace\", \"address\": \"Ünter den Linden\"}")
                .post("/person").then().statusCode(201).extract().jsonPath().getLong("id");
        List<String> paths = List.of("/person/" + id, "/persons/" + id, "/person/" + id + "/", "/person/+" + id,
                "/person/000" + id, "/person/0", "/person/-1", "/persons/987654321", "/person/9223372036854775807",
                "/person/99999999999999999999", "/person/-9223372036854775809");
        for (String path : paths) {
            Response route = given().header("Accept", "*/*").get(path);
            Response jaxRs = given().header("Accept", NEGOTIATED).get(path);
            assertThat(route.statusCode()).as(path).isEqualTo(jaxRs.statusCode()).isIn(200, 404);
            assertThat(route.contentType()).as(path).isEqualTo(jaxRs.contentType());
            assertThat(route.asByteArray()).as(path).isEqualTo(jaxRs.asByteArray());
        }
        assertThat(given().get("/person/" + id).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "/person/42, 42",
            "/persons/42, 42",
            "/person/42/, 42",
            "/person/+42, +42",
            "/person/-42, -42",
            "/person/1234567890123456789, 1234567890123456789",
            "/person/-1234567890123456789, -1234567890123456789",
            "/person/12345678901234567890, null",
            "/person/, null",
            "/person/+, null",
            "/person/list, null",
            "/person/4%32, null",
            "/person/42;v=1, null",
            "/person/42/friends, null",
            "/person/42//, null",
            "/person, null",
            "//person/42, null",
            "/people/42, null",
    })
    void takesOnlyPathsWhoseIdIsALongLiteral(String path, String id) {
        assertThat(PersonReadRoute.numericId(path)).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "null, true",
            "*/*, true",
            "application/json, true",
            "application/json;q=0.9, false",
            "text/html, false",
            "'text/html, */*;q=0.8', false",
    })
    void takesOnlyAcceptHeadersThatNeedNoNegotiation(String accept, boolean taken) {
        assertThat(PersonReadRoute.acceptsJson(accept)).isEqualTo(taken);
    }
}
