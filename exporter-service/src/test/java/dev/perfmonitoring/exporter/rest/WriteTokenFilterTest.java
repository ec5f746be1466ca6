package dev.perfmonitoring.exporter.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With {@code EXPORTER_TOKEN} set, writes need the bearer token (401 otherwise) and reads stay open. */
@QuarkusTest
@TestProfile(WriteTokenFilterTest.TokenRequired.class)
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class WriteTokenFilterTest {

    private static final String TOKEN = "s3cret-token";

    static Stream<Arguments> rejectedAuthorizations() {
        return Stream.of(
                Arguments.of("no Authorization header", null, "Authorization: bearer token required"),
                Arguments.of("wrong token", "Bearer wrong-token", "Authorization: wrong bearer token"),
                Arguments.of("token with a suffix", "Bearer " + TOKEN + "x", "Authorization: wrong bearer token"),
                Arguments.of("token without the Bearer scheme", TOKEN, "Authorization: wrong bearer token"),
                Arguments.of("basic credentials", "Basic dXNlcjpzM2NyZXQtdG9rZW4=", "Authorization: wrong bearer token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedAuthorizations")
    void rejectsAWriteWith401(String description, String authorization, String error) {
        RequestSpecification request = given().contentType(ContentType.JSON).body("{\"totalReq\": 1, \"testid\": \"guarded\"}");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().post("/updateTotal")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"exporter\"")
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("status", equalTo(401));
    }

    @Test
    void checksTheTokenBeforeTheBody() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/addBatchWise").then().statusCode(401);
    }

    @Test
    void acceptsAWriteWithTheToken() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TOKEN)
                .body("{\"totalReq\": 1, \"testid\": \"guarded\"}")
                .when().post("/updateTotal")
                .then().statusCode(202);
    }

    @Test
    void guardsDeleteButNotTheReads() {
        given().when().delete("/runs/guarded").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN).when().delete("/runs/unknown-guarded").then().statusCode(404);
        given().when().get("/runs").then().statusCode(200);
        given().when().get("/").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    public static class TokenRequired implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exporter.token", TOKEN);
        }
    }
}
