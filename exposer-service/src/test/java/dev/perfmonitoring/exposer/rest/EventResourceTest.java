package dev.perfmonitoring.exposer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.exposer.FrozenGenerationProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /events/{kind}}: each kind's effect on the exposition, and JSON 4xx answers for bad requests. */
@QuarkusTest
@TestProfile(FrozenGenerationProfile.class)
class EventResourceTest {

    @Test
    void orderBurstAddsTheOrdersSpreadEvenlyOverTheShops() {
        double before = orders("shop-2");

        given().post("/events/order-burst?count=300")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("kind", equalTo("order-burst"))
                .body("effect", equalTo("300 orders processed at once, spread over the shops"));

        assertThat(orders("shop-2")).isEqualTo(before + 100);
    }

    @Test
    void failureBurstAddsFailedOrders() {
        double before = value("sample_orders_processed_total{shop=\"shop-1\",status=\"failed\"}");

        given().post("/events/failure-burst?count=30")
                .then().statusCode(200).body("effect", equalTo("30 orders failed at once, spread over the shops"));

        assertThat(value("sample_orders_processed_total{shop=\"shop-1\",status=\"failed\"}")).isEqualTo(before + 10);
    }

    @Test
    void orderBurstWithoutCountProcessesAHundredOrders() {
        given().post("/events/order-burst")
                .then().statusCode(200).body("effect", equalTo("100 orders processed at once, spread over the shops"));
    }

    @Test
    void latencySpikeCoversTheStepsOfItsDuration() {
        given().post("/events/latency-spike?seconds=7200")
                .then().statusCode(200)
                .body("kind", equalTo("latency-spike"))
                .body("effect", equalTo("request durations multiplied for the next 2 steps (7200 s)"));
    }

    @Test
    void deployRestartsTheCountersUnderANewRevision() {
        given().post("/events/order-burst?count=30").then().statusCode(200);
        String revisionBefore = revision();

        String effect = given().post("/events/deploy")
                .then().statusCode(200).body("kind", equalTo("deploy"))
                .extract().path("effect");

        String revision = revision();
        assertThat(revision).isNotEqualTo(revisionBefore);
        assertThat(effect)
                .isEqualTo("revision " + revision + " deployed: counters, histogram and summary restart at 0");
        assertThat(orders("shop-1")).isZero();
        assertThat(value("sample_request_duration_seconds_count{endpoint=\"endpoint-1\"}")).isZero();
    }

    @Test
    void unknownKindIsA404NamingTheKnownKinds() {
        given().post("/events/meteor-strike")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo("unknown event kind 'meteor-strike'; known kinds: order-burst, failure-burst,"
                        + " latency-spike, deploy"))
                .body("status", equalTo(404));
    }

    @Test
    void countOutOfRangeIsA400NamingTheParameter() {
        given().post("/events/order-burst?count=0")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("count must be a whole number from 1 to 100000"))
                .body("status", equalTo(400));
        given().post("/events/failure-burst?count=100001")
                .then().statusCode(400).body("error", equalTo("count must be a whole number from 1 to 100000"));
        given().post("/events/latency-spike?seconds=86401")
                .then().statusCode(400).body("error", equalTo("seconds must be a whole number from 1 to 86400"));
    }

    @Test
    void countThatIsNotANumberIsA400RatherThanA404() {
        given().post("/events/order-burst?count=lots")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("count must be a whole number from 1 to 100000"))
                .body("status", equalTo(400));
    }

    @Test
    void parameterTheKindDoesNotTakeIsA400() {
        given().post("/events/deploy?count=5")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("event kind 'deploy' does not take 'count'; it takes none"));
        given().post("/events/order-burst?seconds=5")
                .then().statusCode(400)
                .body("error", equalTo("event kind 'order-burst' does not take 'seconds'; it takes 'count'"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /events/deploy, 405, Method Not Allowed", "POST, /, 405, Method Not Allowed",
            "POST, /events, 404, Not Found", "GET, /no/such/route, 404, Not Found"})
    void rejectionsOfTheHttpLayerAreJsonErrorsToo(String method, String path, int status, String error) {
        given().request(method, path)
                .then().statusCode(status).contentType(ContentType.JSON)
                .body("error", equalTo(error))
                .body("status", equalTo(status));
    }

    private static Map<String, Double> values() {
        return Exposition.values(given().accept("text/plain").get("/").then().statusCode(200).extract().asString());
    }

    private static double value(String series) {
        return values().get(series);
    }

    private static double orders(String shop) {
        Map<String, Double> values = values();
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("sample_orders_processed_total{shop=\"" + shop + "\""))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    private static String revision() {
        return values().keySet().stream()
                .filter(series -> series.startsWith("sample_build_info"))
                .findFirst().orElseThrow()
                .replaceAll(".*revision=\"([0-9a-f]+)\".*", "$1");
    }
}
