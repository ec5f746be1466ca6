package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the management interface on, metrics and health (and their aliases) move to the management port and the
 * application port answers them with JSON 404s. No IT: quarkus.management.enabled is fixed at build time, and the
 * packaged application is built with it off.
 */
@QuarkusTest
@TestProfile(ManagementInterfaceTest.ManagementInterfaceOn.class)
class ManagementInterfaceTest {

    /** The application rebuilt with its management interface on, on a free port. */
    public static class ManagementInterfaceOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true");
        }
    }

    /** The management interface's root path, /q/. */
    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @Test
    void servesMetricsOnTheManagementPortAtBothPaths() throws MalformedURLException {
        for (String path : List.of("/q/metrics", "/metrics")) {
            given().get(onManagementPort(path))
                    .then().statusCode(200)
                    .body(containsString("# TYPE person_store_count gauge"));
        }
    }

    @Test
    void servesHealthOnTheManagementPortAtBothPaths() throws MalformedURLException {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/health", "/health/live", "/health/ready")) {
            given().get(onManagementPort(path))
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("status", equalTo("UP"));
        }
    }

    @Test
    void answersMetricsAndHealthAliasesOnTheApplicationPortWith404NamingTheMove() {
        for (String path : List.of("/metrics", "/health", "/health/ready")) {
            given().get(path)
                    .then().statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo(path + " is served on the management port"))
                    .body("status", equalTo(404));
        }
    }

    @Test
    void answersQuarkusManagementPathsOnTheApplicationPortWith404() {
        for (String path : List.of("/q/metrics", "/q/health/ready")) {
            given().get(path)
                    .then().statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("status", equalTo(404));
        }
    }

    @Test
    void answersUnknownManagementPathsWithJson404() throws MalformedURLException {
        given().get(onManagementPort("/nothing-here"))
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("no route for /nothing-here"))
                .body("status", equalTo(404));
    }

    @Test
    void keepsServingTheApiOnTheApplicationPort() {
        long id = PersonResourceTest.create("Managed", "Separately");

        given().get("/person/" + id).then().statusCode(200).body("last_name", equalTo("Separately"));
    }

    private URL onManagementPort(String path) throws MalformedURLException {
        return new URL(managementRoot, path);
    }
}
