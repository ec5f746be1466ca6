package dev.perfmonitoring.demoapi.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.demoapi.HttpLoad;
import dev.perfmonitoring.demoapi.PersonJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error answer is JSON {"error": ..., "status": N} with content type application/json; none is a 5xx. */
@QuarkusTest
class HttpErrorsTest {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JDK client streams a body of unknown length chunked, without Content-Length. */
    private static final HttpClient CHUNKED_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .build();

    @TestHTTPResource("/person")
    URI personUri;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"first_name\": ",
            "hello",
            "{first_name: \"A\", last_name: \"B\"}",
            "{\"first_name\": \"A\", \"first_name\": \"B\", \"last_name\": \"C\"}",
            "{\"first_name\": \"A\", \"last_name\": \"B\"} trailing",
    })
    void answersMalformedJsonWith400(String body) {
        postJson(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", startsWith("malformed JSON: "))
                .body("status", equalTo(400));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"first_name\": 5, \"last_name\": \"B\"}              | first_name",
            "{\"first_name\": true, \"last_name\": \"B\"}           | first_name",
            "{\"first_name\": {\"a\": 1}, \"last_name\": \"B\"}     | first_name",
            "{\"first_name\": [\"A\"], \"last_name\": \"B\"}        | first_name",
            "{\"first_name\": \"A\", \"last_name\": 1.5}            | last_name",
            "{\"first_name\": \"A\", \"last_name\": \"B\", \"email\": 7} | email",
            "{\"first_name\": \"A\", \"last_name\": \"B\", \"address\": {}} | address",
    })
    void answersWrongFieldTypesWith400NamingTheField(String body, String field) {
        postJson(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("wrong type or value for field " + field))
                .body("status", equalTo(400));
    }

    @Test
    void matchesFieldNamesCaseInsensitivelyAsGoDid() {
        postJson("{\"First_Name\": \"Go\", \"LAST_NAME\": \"Pher\"}").then().statusCode(201)
                .body("first_name", equalTo("Go"))
                .body("last_name", equalTo("Pher"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "[]", "[{\"first_name\": \"A\", \"last_name\": \"B\"}]", "\"text\"", "42" })
    void answersNonObjectBodiesWith400(String body) {
        postJson(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("the body must be one JSON object"))
                .body("status", equalTo(400));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", "null" })
    void answersMissingBodyWith400(String body) {
        for (String method : List.of("POST", "PUT")) {
            given().contentType(ContentType.JSON).body(body)
                    .request(method, method.equals("POST") ? "/person" : "/person/1")
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("a JSON object body is required"))
                    .body("status", equalTo(400));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
    void answersWrongContentTypeWith415(String contentType) {
        for (String method : List.of("POST", "PUT")) {
            given().contentType(contentType).body("first_name=A")
                    .request(method, method.equals("POST") ? "/person" : "/person/1")
                    .then().statusCode(415)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("Unsupported Media Type"))
                    .body("status", equalTo(415));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "PATCH, /person/1", "POST, /person/1", "DELETE, /person", "POST, /person/list", "PUT, /persons/1" })
    void answersUnsupportedMethodWith405(String method, String path) {
        given().request(method, path)
                .then().statusCode(405)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Method Not Allowed"))
                .body("status", equalTo(405));
    }

    @Test
    void answersUnacceptableResponseTypeWith406() {
        given().accept("text/plain").get("/person/list")
                .then().statusCode(406)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Not Acceptable"))
                .body("status", equalTo(406));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GET, /nope", "POST, /nope", "GET, /person/1/friends", "GET, /q/nope", "DELETE, /persons" })
    void answersUnknownRoutesWith404(String method, String path) {
        given().request(method, path)
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Not Found"))
                .body("status", equalTo(404));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        postJson(PersonJson.ofSize(MAX_BODY_BYTES)).then().statusCode(201);
    }

    @Test
    void answersBodyOverTheLimitWith413() {
        for (String method : List.of("POST", "PUT")) {
            given().contentType(ContentType.JSON).body(PersonJson.ofSize(MAX_BODY_BYTES + 1))
                    .request(method, method.equals("POST") ? "/person" : "/person/1")
                    .then().statusCode(413)
                    .contentType(ContentType.JSON)
                    .body("error", equalTo("request body larger than 65536 bytes"))
                    .body("status", equalTo(413));
        }
    }

    @Test
    void answersChunkedBodyOverTheLimitWith413() throws Exception {
        byte[] body = PersonJson.ofSize(MAX_BODY_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(personUri)
                .header("Content-Type", "application/json")
                // A stream of unknown length goes out chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = CHUNKED_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JsonPath.from(response.body()).getString("error")).isEqualTo("request body larger than 65536 bytes");
        assertThat(JsonPath.from(response.body()).getInt("status")).isEqualTo(413);
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        byte[] body = "{\"first_name\": \"Chunked\", \"last_name\": \"Body\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(personUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = CHUNKED_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JsonPath.from(response.body()).getString("first_name")).isEqualTo("Chunked");
    }

    /** Methods x paths x bodies x content types: every answer is below 500, and every error is a JSON error. */
    @Test
    void noCombinationOfOddInputsYieldsA5xx() throws Exception {
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND");
        List<String> paths = List.of("/person", "/person/1", "/person/-1", "/person/99999999999999999999",
                "/person/%20", "/person/list?limit=-5&start=zz", "/persons/1", "/persons/x", "/person//1", "/x/y");
        List<String> bodies = List.of("", "{", "null", "[1]", "{\"first_name\": \"A\", \"last_name\": \"B\"}",
                "{\"first_name\": \"\\u0000\", \"last_name\": \"\\ud800\"}");
        List<String> contentTypes = List.of("application/json", "text/plain; charset=latin1");
        List<Callable<HttpLoad.Answer>> requests = new ArrayList<>();
        try (HttpLoad load = new HttpLoad(personUri, 8)) {
            for (String method : methods) {
                for (String path : paths) {
                    for (String body : bodies) {
                        for (String contentType : contentTypes) {
                            requests.add(() -> load.send(method, path, contentType, body));
                        }
                    }
                }
            }
            List<String> failures = new ArrayList<>();
            for (HttpLoad.Answer answer : load.inParallel(requests)) {
                boolean error = answer.status() >= 400 && !answer.request().startsWith("HEAD ");
                if (answer.status() >= 500 || error && !isJsonError(answer)) {
                    failures.add(answer.toString());
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    private static boolean isJsonError(HttpLoad.Answer answer) throws IOException {
        if (answer.contentType() == null || !answer.contentType().startsWith("application/json")) {
            return false;
        }
        JsonNode error = JSON.readTree(answer.body());
        return error.path("status").asInt() == answer.status() && !error.path("error").asText().isBlank();
    }
    private static Response postJson(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/person");
    }
}
