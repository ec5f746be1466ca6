package dev.perfmonitoring.exporter.rest;

import static dev.perfmonitoring.exporter.rest.ExporterClient.PUSH_INTERVAL;
import static dev.perfmonitoring.exporter.rest.ExporterClient.awaitPushed;
import static dev.perfmonitoring.exporter.rest.ExporterClient.post;
import static dev.perfmonitoring.exporter.rest.ExporterClient.pushedLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.testing.InjectPushgateway;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import dev.perfmonitoring.testing.PushgatewayTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Coalesced mode: writes answer 202 at once, a group is pushed at most once per interval, and no update is lost. */
@QuarkusTest
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class CoalescedPushTest {

    private static final int THREADS = 16;
    private static final int POSTS_PER_THREAD = 1_000;

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @Test
    void manyWritesAnswer202AndArePushedAtMostOncePerInterval() {
        long start = System.nanoTime();
        for (int batch = 1; batch <= 50; batch++) {
            post("/addBatchWise", "{\"total\": " + batch + ", \"failed\": 0, \"success\": " + batch + ", \"testid\": \"coalesced\"}")
                    .statusCode(202)
                    .body("pushed", equalTo(false));
        }
        Map<String, Object> run = awaitPushed("coalesced");
        long elapsedNanos = System.nanoTime() - start;

        assertThat(run).containsEntry("updates", 50);
        assertThat(((Number) run.get("pushes")).longValue())
                .isBetween(1L, elapsedNanos / PUSH_INTERVAL.toNanos() + 1);
        assertThat(pushedLines(pushgateway, "coalesced")).contains(
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"coalesced\"} 50");
    }

    @Test
    void sixteenThreadsOfAThousandPostsArePushedExactly() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI updateTotal = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/updateTotal?testid=concurrent");
        HttpRequest post = HttpRequest.newBuilder(updateTotal)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"totalReq\": 1}"))
                .build();

        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> accepted = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                accepted.add(threads.submit(() -> {
                    int count = 0;
                    for (int i = 0; i < POSTS_PER_THREAD; i++) {
                        if (http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                            count++;
                        }
                    }
                    return count;
                }));
            }
            for (Future<Integer> thread : accepted) {
                assertThat(thread.get()).isEqualTo(POSTS_PER_THREAD);
            }
        } finally {
            threads.shutdownNow();
        }
        Map<String, Object> run = awaitPushed("concurrent");
        long elapsedNanos = System.nanoTime() - start;

        assertThat(run).containsEntry("updates", THREADS * POSTS_PER_THREAD);
        assertThat(pushedLines(pushgateway, "concurrent")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"concurrent\"} 16000");
        assertThat(((Number) run.get("pushes")).longValue())
                .isBetween(1L, elapsedNanos / PUSH_INTERVAL.toNanos() + 1);
    }
}
