package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.PUSH_TIMEOUT;
import static dev.perfmonitoring.exporter.rest.ExporterClient.awaitPushed;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.pushedLines;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.perfmonitoring.exporter.service.LoadTestMetric;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each kind of request leaves exactly the expected samples and grouping labels on a real Pushgateway. */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class LoadTestResultResourceTest {

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @Test
    void answersTheControllersConnectionCheckOnRoot() {
        given().when().get("/")
                .then().statusCode(200)
                .body(startsWith("perf-monitoring exporter"));
    }

    @Test
    void addBatchWiseAnswers202AtOnceAndPushesTheBatchGauges() {
        post("/addBatchWise", """
                {"total": 10, "failed": 2, "success": 8, "testid": "batch-1"}""")
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("testid", equalTo("batch-1"))
                .body("pushed", equalTo(false));

        awaitPushed("batch-1");
        assertThat(pushedLines(pushgateway, "batch-1")).containsExactly(
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-1\"} 2",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-1\"} 10",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-1\"} 8");
    }

    @Test
    void latestBatchReplacesThePreviousOne() {
        post("/addBatchWise", "{\"total\": 10, \"failed\": 2, \"success\": 8, \"testid\": \"batch-2\"}").statusCode(202);
        post("/addBatchWise", "{\"total\": 20, \"failed\": 0, \"success\": 20, \"testid\": \"batch-2\"}").statusCode(202);

        awaitPushed("batch-2");
        assertThat(pushedLines(pushgateway, "batch-2")).containsExactly(
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-2\"} 0",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-2\"} 20",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"batch-2\"} 20");
    }

    @Test
    void updateTotalAddsEveryIncrementToTheOverallTotal() {
        post("/updateTotal", "{\"totalReq\": 5, \"testid\": \"overall-1\"}").statusCode(202);
        post("/updateTotal", "{\"totalReq\": 7, \"testid\": \"overall-1\"}").statusCode(202);

        awaitPushed("overall-1");
        assertThat(pushedLines(pushgateway, "overall-1")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"overall-1\"} 12");
    }

    @Test
    void updateAvgTimeTakesMillisecondsAndObservesSeconds() {
        post("/updateAvgTime", "{\"time\": 250, \"testid\": \"avg-time-1\"}").statusCode(202);
        post("/updateAvgTime", "{\"time\": 4, \"testid\": \"avg-time-1\"}").statusCode(202);

        awaitPushed("avg-time-1");
        assertThat(pushedLines(pushgateway, "avg-time-1")).containsExactly(histogram("Loadtests_avgtime_taken_by_batch",
                "avg-time-1", "0.254", "0.001=0", "0.0025=0", "0.005=1", "0.01=1", "0.025=1", "0.05=1", "0.1=1", "0.2=1",
                "0.3=2", "0.5=2", "1=2", "2.5=2", "5=2", "10=2", "30=2", "+Inf=2"));
    }

    @Test
    void updateTimeTakesSecondsWithBucketsUpToHours() {
        post("/updateTime", "{\"time\": 42, \"testid\": \"run-time-1\"}").statusCode(202);
        post("/updateTime", "{\"time\": 5400, \"testid\": \"run-time-1\"}").statusCode(202);

        awaitPushed("run-time-1");
        assertThat(pushedLines(pushgateway, "run-time-1")).containsExactly(histogram("Loadtests_test_run_time",
                "run-time-1", "5442", "1=0", "5=0", "10=0", "30=0", "60=1", "120=1", "300=1", "600=1", "900=1", "1800=1",
                "3600=1", "7200=2", "14400=2", "28800=2", "+Inf=2"));
    }

    @Test
    void pushMetricsSetsTheControllersLatestStateWithoutTouchingTheOverallTotal() {
        post("/pushMetrics", "{\"total\": 100, \"failed\": 5, \"latency\": 0.125, \"RPS\": 50, \"testid\": \"controller-1\"}")
                .statusCode(202);

        awaitPushed("controller-1");
        assertThat(pushedLines(pushgateway, "controller-1")).containsExactly(
                "Loadtests_avg_latency_achieved{instance=\"\",job=\"loadtest\",testid=\"controller-1\"} 0.125",
                "Loadtests_current_rps{instance=\"\",job=\"loadtest\",testid=\"controller-1\"} 50",
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"controller-1\"} 5",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"controller-1\"} 100",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"controller-1\"} 95");
    }

    @Test
    void runIdMayComeFromTheHeaderOrTheQueryParameter() {
        given().contentType(ContentType.JSON).header("X-Test-Id", "from-header").body("{\"totalReq\": 3}")
                .when().post("/updateTotal")
                .then().statusCode(202).body("testid", equalTo("from-header"));
        post("/updateTotal?testid=from-query", "{\"totalReq\": 4}")
                .statusCode(202).body("testid", equalTo("from-query"));

        awaitPushed("from-header");
        awaitPushed("from-query");
        assertThat(pushedLines(pushgateway, "from-header")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"from-header\"} 3");
        assertThat(pushedLines(pushgateway, "from-query")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"from-query\"} 4");
    }

    /** The job-only group is shared with other tests of the same application (the controller's): counts are compared. */
    @Test
    void resultsWithoutRunIdGoToTheJobOnlyGroupAsInTheOriginal() {
        String bucket = "Loadtests_test_run_time_bucket{instance=\"\",job=\"loadtest\",le=\"1\"}";
        String count = "Loadtests_test_run_time_count{instance=\"\",job=\"loadtest\"}";
        double bucketBefore = jobOnlySample(bucket);
        double countBefore = jobOnlySample(count);

        post("/updateTime", "{\"time\": 0.5}")
                .statusCode(202)
                .body("testid", nullValue());

        await().atMost(PUSH_TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(jobOnlySample(bucket)).isEqualTo(bucketBefore + 1);
            assertThat(jobOnlySample(count)).isEqualTo(countBefore + 1);
        });
    }

    /** A sample of the job-only group given with its labels, 0 before the group has it. */
    private double jobOnlySample(String sample) {
        return pushgateway.samples("Loadtests_test_run_time").stream()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElse(0);
    }

    @Test
    void pushesOneHelpAndTypePerMetricAndNoTimestamps() {
        post("/pushMetrics", "{\"total\": 1, \"failed\": 0, \"latency\": 0.1, \"RPS\": 1, \"testid\": \"exposition-1\"}").statusCode(202);
        post("/updateAvgTime", "{\"time\": 1, \"testid\": \"exposition-1\"}").statusCode(202);
        awaitPushed("exposition-1");

        String exposition = pushgateway.metrics();
        for (LoadTestMetric metric : List.of(LoadTestMetric.TOTAL_REQUESTS, LoadTestMetric.AVERAGE_LATENCY,
                LoadTestMetric.BATCH_AVERAGE_TIME)) {
            assertThat(exposition.lines()).containsOnlyOnce(
                    "# HELP " + metric.prometheusName() + " " + metric.help(),
                    "# TYPE " + metric.prometheusName() + " " + (metric.isHistogram() ? "histogram" : "gauge"));
        }
        assertThat(pushedLines(pushgateway, "exposition-1")).allSatisfy(line ->
                assertThat(line.split(" ")).as("name{labels} value, no timestamp: " + line).hasSize(2));
    }

    /** The Pushgateway's lines of a classic histogram: buckets given as {@code le=count}, then sum and count. */
    private static String[] histogram(String name, String testid, String sum, String... buckets) {
        String labels = "instance=\"\",job=\"loadtest\",testid=\"" + testid + "\"";
        String count = buckets[buckets.length - 1].split("=")[1];
        return Stream.concat(
                Arrays.stream(buckets).map(bucket -> {
                    String[] leAndCount = bucket.split("=");
                    return name + "_bucket{" + labels + ",le=\"" + leAndCount[0] + "\"} " + leAndCount[1];
                }),
                Stream.of(name + "_sum{" + labels + "} " + sum, name + "_count{" + labels + "} " + count))
                .toArray(String[]::new);
    }
}
