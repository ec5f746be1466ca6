package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.junit.jupiter.api.Test;

/**
 * Which reads {@link PersonReadRoute} serves and which it leaves to JAX-RS, observed by a JAX-RS request filter of the
 * test sources (so there is no packaged-application variant: the packaged jar has no such filter).
 */
@QuarkusTest
class PersonReadRoutingTest {

    /** Counts the requests that reach JAX-RS. */
    public static class JaxRsRequests {

        static final AtomicInteger SEEN = new AtomicInteger();

        @ServerRequestFilter
        public void count(ContainerRequestContext request) {
            SEEN.incrementAndGet();
        }
    }

    @Test
    void servesNumericReadsWithoutJaxRsAndLeavesEveryOtherRequestToIt() {
        long id = given().contentType(ContentType.JSON).body("{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}")
                .post("/person").then().statusCode(201).extract().jsonPath().getLong("id");
        int before = JaxRsRequests.SEEN.get();

        given().get("/person/" + id).then().statusCode(200);
        given().header("Accept", "application/json").get("/persons/" + id).then().statusCode(200);
        given().get("/person/" + (id + 1000)).then().statusCode(404);
        assertThat(JaxRsRequests.SEEN.get()).isEqualTo(before);

        given().get("/person/list").then().statusCode(200);
        given().get("/person/not-a-number").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/person/" + id + ";v=1").then().statusCode(200);
        given().head("/person/" + id).then().statusCode(200);
        assertThat(JaxRsRequests.SEEN.get()).isEqualTo(before + 4);
        // JAX-RS refuses this before its filters run; the error body is its exception mapper's.
        given().header("Accept", "text/plain").get("/person/" + id).then().statusCode(406)
                .contentType(ContentType.JSON).body("error", equalTo("Not Acceptable"));
    }
}
