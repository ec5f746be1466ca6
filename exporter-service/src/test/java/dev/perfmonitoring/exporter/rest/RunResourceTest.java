package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.awaitPushed;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.pushedLines;
import static dev.perfmonitoring.exporter.rest.ExporterClient.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /runs} lists the runs with their push state; {@code DELETE /runs/{testid}} removes the group, also one
 * only the Pushgateway holds.
 */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class RunResourceTest {

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @Test
    void listsEachRunWithItsUpdatesAndPushState() {
        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"listed-b\"}").statusCode(202);
        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"listed-a\"}").statusCode(202);
        post("/updateTime", "{\"time\": 1, \"testid\": \"listed-a\"}").statusCode(202);

        Map<String, Object> listedA = awaitPushed("listed-a");
        awaitPushed("listed-b");

        assertThat(listedA).containsEntry("updates", 2).containsEntry("pending", false);
        assertThat((Integer) listedA.get("pushes")).isBetween(1, 2);
        assertThat(Instant.parse((String) listedA.get("lastPushedAt"))).isBefore(Instant.now().plusSeconds(1));
        List<String> order = given().when().get("/runs").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("testid");
        assertThat(order).containsSubsequence("listed-a", "listed-b").isSorted();
    }

    @Test
    void deleteRemovesTheRunsGroupFromThePushgatewayAndFromTheList() {
        post("/addBatchWise", "{\"total\": 3, \"failed\": 1, \"success\": 2, \"testid\": \"finished-run\"}").statusCode(202);
        awaitPushed("finished-run");
        assertThat(pushedLines(pushgateway, "finished-run")).hasSize(3);

        given().when().delete("/runs/finished-run").then().statusCode(204);

        assertThat(pushedLines(pushgateway, "finished-run")).isEmpty();
        assertThat(pushgateway.metrics()).doesNotContain("testid=\"finished-run\"");
        assertThat(run("finished-run")).isEmpty();
        given().when().delete("/runs/finished-run").then().statusCode(404);
    }

    @Test
    void runDeletedAndReportedAgainStartsFromScratch() {
        post("/updateTotal", "{\"totalReq\": 5, \"testid\": \"rerun\"}").statusCode(202);
        awaitPushed("rerun");
        given().when().delete("/runs/rerun").then().statusCode(204);

        post("/updateTotal", "{\"totalReq\": 2, \"testid\": \"rerun\"}").statusCode(202);

        assertThat(awaitPushed("rerun")).containsEntry("updates", 1);
        assertThat(pushedLines(pushgateway, "rerun")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"rerun\"} 2");
    }

    @Test
    void deleteRemovesARunOnlyThePushgatewayHoldsAsAfterAnExporterRestart() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(pushgateway.url() + "/metrics/job/loadtest/testid/before-restart"))
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        # TYPE Loadtests_total_overall_requests_made gauge
                        Loadtests_total_overall_requests_made 7
                        """))
                .build();
        assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(run("before-restart")).isEmpty();

        given().when().delete("/runs/before-restart").then().statusCode(204);

        assertThat(pushgateway.metrics()).doesNotContain("testid=\"before-restart\"");
    }

    @Test
    void deleteOfAnUnknownRunAnswers404() {
        given().when().delete("/runs/never-reported")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("testid: no run never-reported on this exporter or the Pushgateway"))
                .body("status", equalTo(404));
    }

    @Test
    void deleteOfAnUnsafeRunIdAnswers400() {
        given().when().delete("/runs/" + "x".repeat(65))
                .then().statusCode(400)
                .body("error", equalTo("testid: must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit"));
    }
}
