package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.PUSH_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The requests of the original concurrency controller (redhat-appstudio-qe/concurency-controller), byte for byte as its
 * Go HTTP client sends them, with and without a trailing slash in its monitoring URL. Its current generation checks
 * the connection with {@code GET <url>/} and posts {@code <url>/pushMetrics}; its first generation posted
 * {@code <url>addBatchWise}, {@code updateAvgTime}, {@code updateTotal} and {@code updateTime}, so its URL had to end
 * with a slash. Neither sends a run id: the results go to the job-only group. Both send running totals for the whole
 * run, which the exporter keeps as the original exporter did (a sum of those totals in the overall total).
 */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class ConcurrencyControllerTest {

    private static final String JOB_ONLY = "{instance=\"\",job=\"loadtest\"}";

    @InjectPushgateway
    PushgatewayServer pushgateway;

    /** {@code url} without and with a trailing slash: {@code GetPath(url, "/pushMetrics")} is plain concatenation. */
    @ParameterizedTest(name = "monitoring URL ending in \"{0}\"")
    @ValueSource(strings = {"", "/"})
    void currentControllerChecksTheConnectionAndPushesItsRunningTotals(String urlEnd) {
        GoHttpClient.Answer check = GoHttpClient.get(urlEnd + "/");
        assertThat(check.status()).as("CheckExporterConnection requires 200").isEqualTo(200);
        assertThat(check.body()).startsWith("perf-monitoring exporter");

        assertThat(GoHttpClient.post(urlEnd + "/pushMetrics", "{\"RPS\":10,\"failed\":1,\"latency\":0.0123,\"total\":100}")
                .status()).isEqualTo(202);
        assertThat(GoHttpClient.post(urlEnd + "/pushMetrics", "{\"RPS\":12,\"failed\":3,\"latency\":0.0131,\"total\":220}")
                .status()).isEqualTo(202);

        awaitJobOnly(Map.of(
                "Loadtests_total_requests_made", 220.0,
                "Loadtests_total_failed_requests_made", 3.0,
                "Loadtests_total_successful_requests_made", 217.0,
                "Loadtests_avg_latency_achieved", 0.0131,
                "Loadtests_current_rps", 12.0));
    }

    /**
     * Three batches of 10 requests and the end of the run, as the first generation's consumer reports them: running
     * totals to /addBatchWise and /updateTotal, the running sum of its batches' dispatch times in ms to /updateAvgTime.
     */
    @ParameterizedTest(name = "monitoring URL ending in \"{0}\"")
    @ValueSource(strings = {"/", "//"})
    void firstGenerationControllerReportsRunningTotalsKeptWithTheOriginalArithmetic(String urlEnd) {
        double overallBefore = jobOnly("Loadtests_total_overall_requests_made");
        double batchTimesBefore = jobOnly("Loadtests_avgtime_taken_by_batch_count");
        double batchTimeSumBefore = jobOnly("Loadtests_avgtime_taken_by_batch_sum");
        double runTimesBefore = jobOnly("Loadtests_test_run_time_count");

        for (int batch = 1; batch <= 3; batch++) {
            assertThat(GoHttpClient.post(urlEnd + "addBatchWise",
                    "{\"failed\":" + batch + ",\"success\":" + 9 * batch + ",\"total\":" + 10 * batch + "}").status())
                    .isEqualTo(202);
            assertThat(GoHttpClient.post(urlEnd + "updateAvgTime", "{\"time\":" + 2.5 * batch + "}").status()).isEqualTo(202);
            assertThat(GoHttpClient.post(urlEnd + "updateTotal", "{\"totalReq\":" + 10 * batch + "}").status()).isEqualTo(202);
        }
        assertThat(GoHttpClient.post(urlEnd + "updateTime", "{\"time\":3.0021}").status()).isEqualTo(202);

        awaitJobOnly(Map.of(
                "Loadtests_total_requests_made", 30.0,
                "Loadtests_total_failed_requests_made", 3.0,
                "Loadtests_total_successful_requests_made", 27.0,
                // 10 + 20 + 30: the sum of the running totals, as the original exporter's Add produced
                "Loadtests_total_overall_requests_made", overallBefore + 60,
                "Loadtests_avgtime_taken_by_batch_count", batchTimesBefore + 3,
                "Loadtests_test_run_time_count", runTimesBefore + 1));
        // 2.5 + 5 + 7.5 ms: running sums of dispatch times, observed in seconds
        assertThat(jobOnly("Loadtests_avgtime_taken_by_batch_sum")).isCloseTo(batchTimeSumBefore + 0.015, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/runs", "/q/health/ready", "/q/health/live", "/q/health/group/pushgateway", "/q/metrics",
            "/runs/never-reported", "/updateTotal", "/no-such-route"})
    void doubledSlashesAnswerLikeSingleOnes(String path) {
        GoHttpClient.Answer single = GoHttpClient.get(path);

        for (String doubled : List.of("/" + path, "//" + path, path.replace("/", "//"))) {
            GoHttpClient.Answer answer = GoHttpClient.get(doubled);
            assertThat(answer.status()).as("GET " + doubled).isEqualTo(single.status());
            assertThat(answer.headers().get("content-type")).as("GET " + doubled).isEqualTo(single.headers().get("content-type"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/a%zz", "/%", "/[x]", "/{x}", "/a|b", "/a^b", "/a\\b", "/<script>", "//runs/%zz",
            "/updateTotal?testid=%zz"})
    void anInvalidRequestUriIsAJson400(String target) {
        for (GoHttpClient.Answer answer : List.of(GoHttpClient.get(target), GoHttpClient.post(target, "{\"totalReq\":1}"))) {
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).as(target).startsWith("application/json");
            assertThat(JsonPath.from(answer.body()).getString("error")).as(target).startsWith("request URI: ");
            assertThat(JsonPath.from(answer.body()).getInt("status")).isEqualTo(400);
        }
    }

    /** A sample of the job-only group on the Pushgateway, 0 when absent. */
    private double jobOnly(String sample) {
        return pushgateway.metrics().lines()
                .filter(line -> line.startsWith(sample + JOB_ONLY + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private void awaitJobOnly(Map<String, Double> expected) {
        await().atMost(PUSH_TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> expected.forEach(
                (sample, value) -> assertThat(jobOnly(sample)).as(sample).isCloseTo(value, within(1e-9))));
    }
}
