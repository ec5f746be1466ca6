package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.ownMetric;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input answers 400 with a JSON error naming the field (413 when oversize, announced or chunked);
 * nothing is recorded.
 */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class InvalidInputTest {

    private static final String TEST_ID_RULE =
            "testid: must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit";
    private static final String VALID_BATCH = "{\"total\": 10, \"failed\": 1, \"success\": 9}";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // malformed JSON
                bad("unterminated object", "/addBatchWise", "{\"total\": 10, \"failed\": 1, \"success\": 9",
                        "body: malformed JSON at line 1, column 40: Unexpected end-of-input"),
                bad("not JSON at all", "/updateTotal", "totalReq=5",
                        "body: malformed JSON at line 1, column 1: Unrecognized token 'totalReq'"),
                bad("duplicate field", "/addBatchWise", "{\"total\": 10, \"total\": 1, \"failed\": 1, \"success\": 1}",
                        "body: malformed JSON at line 1, column 22: Duplicate field 'total'"),
                bad("trailing garbage", "/addBatchWise", VALID_BATCH + " garbage",
                        "body: malformed JSON at line 1, column 42: Unrecognized token 'garbage'"),
                bad("trailing second object", "/addBatchWise", VALID_BATCH + " {}",
                        "body: trailing content after the JSON object"),
                bad("empty body", "/updateTotal", "", "body: is required"),
                bad("JSON null", "/updateTotal", "null", "body: is required"),
                bad("array instead of object", "/updateTotal", "[{\"totalReq\": 1}]", "body: must be a JSON object"),
                bad("number instead of object", "/updateTime", "5", "body: must be a JSON object"),
                // missing fields
                bad("missing total", "/addBatchWise", "{\"failed\": 1, \"success\": 9}", "total: is required"),
                bad("every field missing", "/addBatchWise", "{}",
                        "failed: is required; success: is required; total: is required"),
                bad("null field", "/updateTotal", "{\"totalReq\": null}", "totalReq: is required"),
                bad("missing RPS", "/pushMetrics", "{\"total\": 1, \"failed\": 0, \"latency\": 0.1}", "RPS: is required"),
                bad("missing time", "/updateAvgTime", "{\"duration\": 3}", "time: is required"),
                // non-numeric fields
                bad("number as string", "/addBatchWise", "{\"total\": \"10\", \"failed\": 1, \"success\": 9}",
                        "total: must be a number"),
                bad("text", "/updateTotal", "{\"totalReq\": \"ten\"}", "totalReq: must be a number"),
                bad("boolean", "/updateTime", "{\"time\": true}", "time: must be a number"),
                bad("object", "/pushMetrics", "{\"total\": {}, \"failed\": 0, \"latency\": 0.1, \"RPS\": 1}",
                        "total: must be a number"),
                // negative counts and times
                bad("negative total", "/addBatchWise", "{\"total\": -1, \"failed\": 0, \"success\": 0}",
                        "total: must be a finite number >= 0"),
                bad("negative failed", "/pushMetrics", "{\"total\": 1, \"failed\": -1, \"latency\": 0.1, \"RPS\": 1}",
                        "failed: must be a finite number >= 0"),
                bad("negative increment", "/updateTotal", "{\"totalReq\": -5}", "totalReq: must be a finite number >= 0"),
                bad("negative time", "/updateAvgTime", "{\"time\": -0.5}", "time: must be a finite number >= 0"),
                bad("negative latency", "/pushMetrics", "{\"total\": 1, \"failed\": 0, \"latency\": -0.1, \"RPS\": 1}",
                        "latency: must be a finite number >= 0"),
                // failed greater than total
                bad("failed greater than total", "/addBatchWise", "{\"total\": 10, \"failed\": 11, \"success\": 0}",
                        "failed: must not be greater than total"),
                bad("success greater than total", "/addBatchWise", "{\"total\": 10, \"failed\": 0, \"success\": 11}",
                        "success: must not be greater than total"),
                bad("controller failed greater than total", "/pushMetrics",
                        "{\"total\": 3, \"failed\": 4, \"latency\": 0.1, \"RPS\": 1}", "failed: must not be greater than total"),
                // NaN and infinite values
                bad("NaN literal", "/updateTotal", "{\"totalReq\": NaN}",
                        "body: malformed JSON at line 1, column 17: Non-standard token 'NaN'"),
                bad("NaN as string", "/updateTotal", "{\"totalReq\": \"NaN\"}", "totalReq: must be a finite number >= 0"),
                bad("Infinity literal", "/updateTime", "{\"time\": Infinity}",
                        "body: malformed JSON at line 1, column 18: Non-standard token 'Infinity'"),
                bad("Infinity as string", "/updateTime", "{\"time\": \"Infinity\"}", "time: must be a finite number >= 0"),
                bad("overflow to infinity", "/updateAvgTime", "{\"time\": 1e999}", "time: must be a finite number >= 0"),
                // run ids
                bad("run id with a space", "/updateTotal", "{\"totalReq\": 1, \"testid\": \"my run\"}", TEST_ID_RULE),
                bad("run id with a slash", "/updateTotal", "{\"totalReq\": 1, \"testid\": \"a/b\"}", TEST_ID_RULE),
                bad("empty run id", "/updateTotal", "{\"totalReq\": 1, \"testid\": \"\"}", TEST_ID_RULE),
                bad("run id too long", "/updateTotal", "{\"totalReq\": 1, \"testid\": \"" + "r".repeat(65) + "\"}", TEST_ID_RULE),
                bad("run id as number", "/updateTotal", "{\"totalReq\": 1, \"testid\": 7}", "testid: must be a string"),
                bad("unsafe run id in query", "/updateTotal?testid=%3Cscript%3E", "{\"totalReq\": 1}", TEST_ID_RULE),
                Arguments.of("unsafe run id in header", "/updateTotal", "label\"injection", "{\"totalReq\": 1}", TEST_ID_RULE),
                Arguments.of("run ids that disagree", "/updateTotal?testid=one", "two", "{\"totalReq\": 1}",
                        "testid: differs between body, X-Test-Id header and query parameter"));
    }

    /** Methods x paths x bodies x content types, odd ones included: every answer is below 500, every error JSON. */
    @Test
    void noCombinationOfOddInputsYieldsA5xx() throws Exception {
        List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PROPFIND");
        List<String> paths = List.of("/", "//", "/addBatchWise", "//pushMetrics", "/updateTotal?testid=odd-input",
                "/updateTotal?testid=%zz", "/updateAvgTime?testid=" + "r".repeat(65), "/runs", "/runs/odd-input",
                "/runs/%2e%2e", "/a%zz", "/[x]");
        List<String> bodies = List.of("", "{", "[1]", "{\"totalReq\": 1}", "{\"time\": 1e999}",
                "{\"total\": 1, \"failed\": 2, \"success\": 0}", "{\"totalReq\": \"\\ud800\"}");
        List<String> contentTypes = List.of("application/json", "text/plain; charset=latin1");
        List<Callable<String>> requests = new ArrayList<>();
        for (String method : methods) {
            for (String path : paths) {
                for (String body : bodies) {
                    for (String contentType : contentTypes) {
                        requests.add(() -> {
                            GoHttpClient.Answer answer = GoHttpClient.send(method, path, contentType, body);
                            boolean error = answer.status() >= 400 && !method.equals("HEAD");
                            return answer.status() >= 500 || error && !isJsonError(answer)
                                    ? method + " " + path + " " + contentType + " " + body + " -> " + answer
                                    : null;
                        });
                    }
                }
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<String> failures = new ArrayList<>();
        try {
            for (Future<String> answer : threads.invokeAll(requests)) {
                if (answer.get() != null) {
                    failures.add(answer.get());
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(failures).as("of %d requests", requests.size()).isEmpty();
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private static boolean isJsonError(GoHttpClient.Answer answer) {
        String contentType = answer.headers().get("content-type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            return false;
        }
        JsonPath error = JsonPath.from(answer.body());
        return error.getInt("status") == answer.status() && !error.getString("error").isBlank();
    }

    /** POSTs a body of unknown length: the JDK client streams it chunked, without Content-Length. */
    private static HttpResponse<String> postChunked(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/updateTotal"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Arguments bad(String description, String path, String body, String error) {
        return Arguments.of(description, path, null, body, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answers400NamingTheField(String description, String path, String testIdHeader, String body, String error) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        if (testIdHeader != null) {
            request.header("X-Test-Id", testIdHeader);
        }
        request.when().post(path)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("status", equalTo(400));
    }

    @Test
    void answers413WithAJsonErrorForAnOversizeBody() {
        String oversize = "{\"totalReq\": 1, \"padding\": \"" + "x".repeat(17 * 1024) + "\"}";
        post("/updateTotal", oversize).statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", equalTo("body: larger than 16384 bytes"))
                .body("status", equalTo(413));
    }

    @Test
    void answers413WithTheSameJsonErrorForAnOversizeChunkedBody() throws Exception {
        HttpResponse<String> answer = postChunked("{\"totalReq\": 1, \"padding\": \"" + "x".repeat(17 * 1024) + "\"}");

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JsonPath.from(answer.body()).getString("error")).isEqualTo("body: larger than 16384 bytes");
        assertThat(JsonPath.from(answer.body()).getInt("status")).isEqualTo(413);
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        // over the 10K Quarkus reads into memory, so the body is streamed and counted as it is read
        HttpResponse<String> answer = postChunked("{\"totalReq\": 1, \"testid\": \"chunked\", \"padding\": \""
                + "x".repeat(15 * 1024) + "\"}");

        assertThat(answer.statusCode()).isEqualTo(202);
    }

    @Test
    void recordsNothingFromRejectedInputAndKeepsServing() {
        double acceptedBefore = ownMetric("exporter_updates_total");

        post("/updateTotal?testid=rejected-run", "{\"totalReq\": -1}").statusCode(400);
        post("/addBatchWise?testid=rejected-run", "{\"total\": 1, \"failed\": 2, \"success\": 0}").statusCode(400);
        post("/updateTotal?testid=rejected-run", "{\"totalReq\": }").statusCode(400);

        assertThat(run("rejected-run")).isEmpty();
        assertThat(ownMetric("exporter_updates_total")).isEqualTo(acceptedBefore);
        given().when().get("/q/health/live").then().statusCode(200);
        post("/updateTotal?testid=after-rejections", "{\"totalReq\": 1}").statusCode(202);
    }
}
