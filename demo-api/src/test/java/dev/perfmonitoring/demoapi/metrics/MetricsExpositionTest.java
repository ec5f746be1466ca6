package dev.perfmonitoring.demoapi.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.MetricsScrape;
import dev.perfmonitoring.demoapi.PersonJson;
import dev.perfmonitoring.stack.prometheus.ExpositionLines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact /q/metrics lines after a known sequence of requests against a fresh application. Only the list request is
 * delayed (a fixed 120 ms), so its duration buckets are known: zero up to 0.1 s. Every other bucket count of a duration
 * depends on the machine's speed, so those histograms are checked through their counts and bucket boundaries.
 */
@QuarkusTest
@TestProfile(MetricsExpositionTest.FreshApplication.class)
class MetricsExpositionTest {

    /** A fresh application; only GET /person/list is delayed, by exactly 120 ms. */
    public static class FreshApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "demo-api.latency.mode", "long-tail",
                    "demo-api.latency.spread", "0",
                    "demo-api.latency.get-median", "0ms",
                    "demo-api.latency.create-median", "0ms",
                    "demo-api.latency.update-median", "0ms",
                    "demo-api.latency.delete-median", "0ms",
                    "demo-api.latency.list-median", "120ms");
        }
    }

    private static final String ADA = "{\"first_name\": \"Ada\", \"last_name\": \"Lovelace\"}";
    private static final String INVALID = "{\"first_name\": \"\"}";
    private static final List<String> DURATION_BUCKETS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.2",
            "0.25", "0.3", "0.4", "0.5", "0.75", "1.0", "1.5", "2.0", "2.5", "5.0", "10.0", "+Inf");

    /** The exposition after the sequence, which runs once, before the first test (RestAssured is set up by then). */
    private static String exposition;

    @BeforeEach
    void sendTheKnownSequenceOnce() {
        if (exposition != null) {
            return;
        }
        assertThat(ADA).hasSize(46);
        assertThat(INVALID).hasSize(18);
        String grace = PersonJson.ofSize(350);
        long ada = create(ADA);
        long graceId = create(grace);
        given().contentType(ContentType.JSON).body(INVALID).post("/person").then().statusCode(400);
        given().get("/person/" + ada).then().statusCode(200);
        given().get("/persons/" + graceId).then().statusCode(200);
        given().get("/person/99").then().statusCode(404);
        given().contentType(ContentType.JSON).body(ADA).put("/person/99").then().statusCode(404);
        given().delete("/person/" + ada).then().statusCode(204);
        given().delete("/person/" + ada).then().statusCode(404);
        given().get("/person/list?limit=10").then().statusCode(200);
        given().get("/no/such/route").then().statusCode(404);
        given().patch("/person/" + graceId).then().statusCode(405);

        exposition = MetricsScrape.exposition();
    }

    @Test
    void everyApiAnswerHasItsSeriesFromTheStartSoNoFirstCountIsLostToIncrease() {
        // No test sends a request that fails with 500, so these were never incremented: they exist from the start.
        assertThat(ExpositionLines.samples(exposition, "http_requests_total")).contains(
                "http_requests_total{code=\"500\",method=\"GET\",path=\"/person/list\",} 0.0",
                "http_requests_total{code=\"500\",method=\"POST\",path=\"/person\",} 0.0",
                "http_requests_total{code=\"500\",method=\"DELETE\",path=\"/person/{id}\",} 0.0",
                "http_requests_total{code=\"413\",method=\"PUT\",path=\"/person/{id}\",} 0.0");
        assertThat(ExpositionLines.samples(exposition, "http_status_code_total"))
                .contains("http_status_code_total{code=\"500\",} 0.0");
        assertThat(HttpRequestMetrics.API_ANSWERS).hasSize(6);
        HttpRequestMetrics.API_ANSWERS.forEach((route, statuses) -> {
            for (int status : statuses) {
                assertThat(ExpositionLines.samples(exposition, "http_requests_total")).as("%s %s", route, status)
                        .anyMatch(line -> line.startsWith("http_requests_total{code=\"" + status + "\",method=\""
                                + route.method() + "\",path=\"" + route.path() + "\",}"));
            }
            assertThat(ExpositionLines.samples(exposition, "http_request_duration_seconds")).as("%s", route)
                    .anyMatch(line -> line.startsWith("http_request_duration_seconds_count{method=\"" + route.method()
                            + "\",path=\"" + route.path() + "\",}"));
        });
    }

    @Test
    void countsRequestsByCodeMethodAndRouteTemplate() {
        assertThat(counted(ExpositionLines.samples(exposition, "http_requests_total"))).containsExactlyInAnyOrder(
                "http_requests_total{code=\"201\",method=\"POST\",path=\"/person\",} 2.0",
                "http_requests_total{code=\"400\",method=\"POST\",path=\"/person\",} 1.0",
                "http_requests_total{code=\"200\",method=\"GET\",path=\"/person/{id}\",} 1.0",
                "http_requests_total{code=\"200\",method=\"GET\",path=\"/persons/{id}\",} 1.0",
                "http_requests_total{code=\"404\",method=\"GET\",path=\"/person/{id}\",} 1.0",
                "http_requests_total{code=\"404\",method=\"PUT\",path=\"/person/{id}\",} 1.0",
                "http_requests_total{code=\"204\",method=\"DELETE\",path=\"/person/{id}\",} 1.0",
                "http_requests_total{code=\"404\",method=\"DELETE\",path=\"/person/{id}\",} 1.0",
                "http_requests_total{code=\"200\",method=\"GET\",path=\"/person/list\",} 1.0",
                "http_requests_total{code=\"404\",method=\"GET\",path=\"UNMATCHED\",} 1.0",
                "http_requests_total{code=\"405\",method=\"PATCH\",path=\"/person/{id}\",} 1.0");
    }

    @Test
    void countsStatusCodes() {
        assertThat(counted(ExpositionLines.samples(exposition, "http_status_code_total"))).containsExactlyInAnyOrder(
                "http_status_code_total{code=\"200\",} 3.0",
                "http_status_code_total{code=\"201\",} 2.0",
                "http_status_code_total{code=\"204\",} 1.0",
                "http_status_code_total{code=\"400\",} 1.0",
                "http_status_code_total{code=\"404\",} 4.0",
                "http_status_code_total{code=\"405\",} 1.0");
    }

    @Test
    void showsNoRequestInProgressOnceAllAreAnswered() {
        assertThat(ExpositionLines.samples(exposition, "http_requests_in_progress")).containsExactlyInAnyOrder(
                "http_requests_in_progress{method=\"GET\",} 0.0",
                "http_requests_in_progress{method=\"POST\",} 0.0",
                "http_requests_in_progress{method=\"PUT\",} 0.0",
                "http_requests_in_progress{method=\"DELETE\",} 0.0",
                "http_requests_in_progress{method=\"PATCH\",} 0.0");
    }

    @Test
    void countsPersonOperationsWithEveryNotFoundOfGetUpdateAndDelete() {
        assertThat(ExpositionLines.samples(exposition, "person_store_count")).containsExactly("person_store_count 1.0");
        assertThat(ExpositionLines.samples(exposition, "person_created_total"))
                .containsExactly("person_created_total 2.0");
        assertThat(ExpositionLines.samples(exposition, "person_deleted_total"))
                .containsExactly("person_deleted_total 1.0");
        assertThat(ExpositionLines.samples(exposition, "person_not_found_total"))
                .containsExactly("person_not_found_total 3.0");
    }

    @Test
    void recordsPostPayloadSizesInExponentialBuckets() {
        // Bodies of 46, 350 and 18 bytes.
        assertThat(ExpositionLines.samples(exposition, "person_payload_size_bytes")).containsExactly(
                "person_payload_size_bytes_bucket{le=\"100.0\",} 2.0",
                "person_payload_size_bytes_bucket{le=\"200.0\",} 2.0",
                "person_payload_size_bytes_bucket{le=\"400.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"800.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"1600.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"3200.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"6400.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"12800.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"25600.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"51200.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"102400.0\",} 3.0",
                "person_payload_size_bytes_bucket{le=\"+Inf\",} 3.0",
                "person_payload_size_bytes_count 3.0",
                "person_payload_size_bytes_sum 414.0");
    }

    @Test
    void recordsTheBodyBytesReadAndWrittenAndNoRequestInProgress() {
        // Request bodies: the two creates (46 and 350 bytes), the invalid create (18) and the update of an unknown id
        // (46). Every answer has a body but the delete's 204.
        String server = "{server_port=\"" + RestAssured.port + "\",}";
        assertThat(ExpositionLines.samples(exposition, "http_server_bytes_read")).containsExactlyInAnyOrder(
                "http_server_bytes_read_count" + server + " 4.0",
                "http_server_bytes_read_sum" + server + " 460.0");
        assertThat(ExpositionLines.samples(exposition, "http_server_bytes_written"))
                .contains("http_server_bytes_written_count" + server + " 11.0");
        assertThat(ExpositionLines.samples(exposition, "http_server_active_requests")).containsExactly(
                "http_server_active_requests{server_port=\"" + RestAssured.port + "\",url_scheme=\"http\",} 0.0");
    }

    @Test
    void countsDurationsByMethodAndRouteTemplate() {
        assertThat(ExpositionLines.samples(exposition, "http_request_duration_seconds").stream()
                .filter(line -> line.startsWith("http_request_duration_seconds_count"))).containsExactlyInAnyOrder(
                "http_request_duration_seconds_count{method=\"POST\",path=\"/person\",} 3.0",
                "http_request_duration_seconds_count{method=\"GET\",path=\"/person/{id}\",} 2.0",
                "http_request_duration_seconds_count{method=\"GET\",path=\"/persons/{id}\",} 1.0",
                "http_request_duration_seconds_count{method=\"PUT\",path=\"/person/{id}\",} 1.0",
                "http_request_duration_seconds_count{method=\"DELETE\",path=\"/person/{id}\",} 2.0",
                "http_request_duration_seconds_count{method=\"GET\",path=\"/person/list\",} 1.0",
                "http_request_duration_seconds_count{method=\"GET\",path=\"UNMATCHED\",} 1.0",
                "http_request_duration_seconds_count{method=\"PATCH\",path=\"/person/{id}\",} 1.0");
    }

    @Test
    void putsTheDelayedListRequestAboveEveryBucketUnderItsDelay() {
        String list = "http_request_duration_seconds_bucket{method=\"GET\",path=\"/person/list\",le=\"";
        assertThat(ExpositionLines.samples(exposition, "http_request_duration_seconds"))
                .contains(list + "0.005\",} 0.0", list + "0.01\",} 0.0", list + "0.025\",} 0.0",
                        list + "0.05\",} 0.0", list + "0.1\",} 0.0", list + "10.0\",} 1.0", list + "+Inf\",} 1.0");
    }

    @Test
    void exposesEveryDurationHistogramWithTheSloBuckets() {
        assertThat(bucketBoundaries("http_request_duration_seconds", "method=\"GET\",path=\"/person/list\""))
                .containsExactlyElementsOf(DURATION_BUCKETS);
        assertThat(bucketBoundaries("http_server_requests_seconds",
                "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/person/list\""))
                .containsExactlyElementsOf(DURATION_BUCKETS);
    }

    @Test
    void keepsQuarkusRequestMetricsWithTemplatedUris() {
        assertThat(ExpositionLines.samples(exposition, "http_server_requests_seconds").stream()
                .filter(line -> line.startsWith("http_server_requests_seconds_count"))).containsExactlyInAnyOrder(
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/person\",} 2.0",
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/person\",} 1.0",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/person/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/persons/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/person/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"PUT\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/person/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"DELETE\",outcome=\"SUCCESS\",status=\"204\",uri=\"/person/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"DELETE\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/person/{id}\",} 1.0",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/person/list\",} 1.0",
                "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\",} 1.0",
                "http_server_requests_seconds_count{method=\"PATCH\",outcome=\"CLIENT_ERROR\",status=\"405\",uri=\"/person/{id}\",} 1.0");
    }

    @Test
    void exposesProcessCpuAndMemoryFromProc() {
        assertThat(MetricsScrape.value(exposition, "app_memory_usage_megabytes")).isGreaterThan(10.0);
        assertThat(MetricsScrape.value(exposition, "app_cpu_usage_percent")).isGreaterThanOrEqualTo(0.0);
    }

    private List<String> bucketBoundaries(String histogram, String labels) {
        String prefix = histogram + "_bucket{" + labels + ",le=\"";
        return ExpositionLines.samples(exposition, histogram).stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length(), line.indexOf('"', prefix.length())))
                .toList();
    }

    private static long create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/person")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** The lines of series that counted something (every API answer's series exists from the start, at zero). */
    private static List<String> counted(List<String> lines) {
        return lines.stream().filter(line -> !line.endsWith(" 0.0")).toList();
    }
}
