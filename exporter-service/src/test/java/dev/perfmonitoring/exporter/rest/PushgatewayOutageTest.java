package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.PUSH_TIMEOUT;
import static dev.perfmonitoring.exporter.rest.ExporterClient.awaitPushed;
import static dev.perfmonitoring.exporter.rest.ExporterClient.ownMetric;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.pushedLines;
import static dev.perfmonitoring.exporter.rest.ExporterClient.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pushgateway down: writes are still accepted and kept, pushes are retried with backoff, readiness and liveness stay
 * UP while the {@code pushgateway} health group and {@code exporter_pushgateway_up} report the outage, and once the
 * Pushgateway is back on the same port it holds the last accepted state.
 */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class PushgatewayOutageTest {

    private static final int UPDATES_DURING_OUTAGE = 40;

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @AfterEach
    void pushgatewayIsBack() {
        if (!pushgateway.isRunning()) {
            pushgateway.restart();
        }
    }

    @Test
    void pushesTheLastAcceptedStateOnceThePushgatewayIsBack() {
        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"outage\"}").statusCode(202);
        awaitPushed("outage");
        double failedPushesBefore = ownMetric("exporter_pushes_total{result=\"failure\"}");

        pushgateway.stop();
        for (int batch = 1; batch <= UPDATES_DURING_OUTAGE; batch++) {
            post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"outage\"}").statusCode(202);
            post("/addBatchWise", "{\"total\": " + batch + ", \"failed\": 1, \"success\": " + (batch - 1)
                    + ", \"testid\": \"outage\"}").statusCode(202);
        }

        awaitUntil(() -> ownMetric("exporter_pushes_total{result=\"failure\"}") > failedPushesBefore);
        assertThat(run("outage").orElseThrow()).containsEntry("pending", true)
                .containsEntry("updates", 1 + 2 * UPDATES_DURING_OUTAGE);
        assertThat(ownMetric("exporter_unpushed_data_age_seconds")).isGreaterThan(0);

        pushgateway.restart();

        awaitPushed("outage");
        assertThat(pushedLines(pushgateway, "outage")).containsExactly(
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"outage\"} 1",
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"outage\"} 41",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"outage\"} 40",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"outage\"} 39");
        assertThat(ownMetric("exporter_unpushed_data_age_seconds")).isZero();
        assertThat(ownMetric("exporter_last_successful_push_timestamp_seconds"))
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
    }

    @Test
    void readinessStaysUpThroughAnOutageWhileThePushgatewayCheckAndMetricReportIt() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'writes' }.status", equalTo("UP"));
        given().when().get("/q/health/group/pushgateway").then().statusCode(200)
                .body("checks.find { it.name == 'pushgateway' }.data.reachable", equalTo(true));
        awaitUntil(() -> ownMetric("exporter_pushgateway_up") == 1);

        pushgateway.stop();
        List<Integer> readinessDuringOutage = new ArrayList<>();
        awaitUntil(() -> {
            readinessDuringOutage.add(given().when().get("/q/health/ready").statusCode());
            post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"ready-in-outage\"}").statusCode(202);
            return ownMetric("exporter_pushgateway_up") == 0 && ownMetric("exporter_unpushed_data_age_seconds") > 0;
        });
        given().when().get("/q/health/group/pushgateway").then().statusCode(503)
                .body("checks.find { it.name == 'pushgateway' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'pushgateway' }.data.reachable", equalTo(false));
        readinessDuringOutage.add(given().when().get("/q/health/ready").statusCode());
        assertThat(readinessDuringOutage).as("readiness during the outage").isNotEmpty().containsOnly(200);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));

        pushgateway.restart();
        awaitUntil(() -> given().when().get("/q/health/group/pushgateway").statusCode() == 200);
        awaitUntil(() -> ownMetric("exporter_pushgateway_up") == 1);
        awaitPushed("ready-in-outage");
    }

    @Test
    void deleteDuringAnOutageAnswers503AndKeepsTheRun() {
        post("/updateTotal", "{\"totalReq\": 2, \"testid\": \"kept-run\"}").statusCode(202);
        awaitPushed("kept-run");

        pushgateway.stop();
        given().when().delete("/runs/kept-run").then().statusCode(503).body("status", equalTo(503));
        assertThat(run("kept-run")).isPresent();

        pushgateway.restart();
        given().when().delete("/runs/kept-run").then().statusCode(204);
    }

    private static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(PUSH_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(condition);
    }
}
