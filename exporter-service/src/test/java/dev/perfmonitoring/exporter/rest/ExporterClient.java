package dev.perfmonitoring.exporter.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.perfmonitoring.stack.process.PushgatewayServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the exporter tests do over HTTP, so the same tests run against the packaged application (ITs). */
final class ExporterClient {

    /** {@code %test.exporter.push-interval} in application.properties. */
    static final Duration PUSH_INTERVAL = Duration.ofMillis(200);
    /** Bound of every wait for a background push: generous, since it only ends early on success. */
    static final Duration PUSH_TIMEOUT = Duration.ofSeconds(30);

    private ExporterClient() {
    }

    static ValidatableResponse post(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(path).then();
    }

    /** The run as {@code GET /runs} lists it, if listed. */
    static Optional<Map<String, Object>> run(String testid) {
        List<Map<String, Object>> runs = given().when().get("/runs").then().statusCode(200).extract().jsonPath().getList("$");
        return runs.stream().filter(run -> testid.equals(run.get("testid"))).findFirst();
    }

    /** Waits (bounded poll) until every update accepted for the run is on the Pushgateway; returns the run. */
    static Map<String, Object> awaitPushed(String testid) {
        return await().atMost(PUSH_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> run(testid).filter(run -> Boolean.FALSE.equals(run.get("pending"))), Optional::isPresent)
                .orElseThrow();
    }

    /** Every pushed {@code Loadtests_*} sample line of the run's group, in the Pushgateway's exposition order. */
    static List<String> pushedLines(PushgatewayServer pushgateway, String testid) {
        String label = "testid=\"" + testid + "\"";
        return pushgateway.metrics().lines()
                .filter(line -> line.startsWith("Loadtests_") && line.contains(label))
                .toList();
    }

    /** A sample value of the exporter's own metrics ({@code /q/metrics}), e.g. {@code exporter_pushes_total{result="failure"}}. */
    static double ownMetric(String sample) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .map(line -> line.replace(",}", "}"))
                .filter(line -> line.startsWith(sample + " "))
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in /q/metrics:\n" + metrics));
    }
}
