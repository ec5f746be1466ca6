package dev.perfmonitoring.exporter.rest;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code EXPORTER_PUSH_MODE=sync}: the write answers once its update is on the Pushgateway, as the original exporter
 * did; concurrent writers share pushes and none is answered before its update is there.
 */
@QuarkusTest
@TestProfile(SyncPushModeTest.SyncMode.class)
@WithTestResource(value = PushgatewayTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "property", value = "exporter.push-gateway-url"))
class SyncPushModeTest {

    @InjectPushgateway
    PushgatewayServer pushgateway;

    @Test
    void answers200OnceTheValueIsOnThePushgateway() {
        post("/updateTotal", "{\"totalReq\": 3, \"testid\": \"sync-1\"}")
                .statusCode(200)
                .body("pushed", equalTo(true));

        assertThat(pushedLines(pushgateway, "sync-1")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-1\"} 3");

        post("/updateTotal", "{\"totalReq\": 4, \"testid\": \"sync-1\"}").statusCode(200);
        assertThat(pushedLines(pushgateway, "sync-1")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-1\"} 7");
    }

    @Test
    void acceptsWith202WhenThePushFailsAndPushesOnceThePushgatewayIsBack() {
        pushgateway.stop();
        try {
            post("/updateTotal", "{\"totalReq\": 5, \"testid\": \"sync-outage\"}")
                    .statusCode(202)
                    .body("pushed", equalTo(false));
        } finally {
            pushgateway.restart();
        }

        Map<String, Object> run = awaitPushed("sync-outage");
        assertThat(run).containsEntry("updates", 1);
        assertThat(pushedLines(pushgateway, "sync-outage")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-outage\"} 5");
    }

    @Test
    void answersEveryConcurrentWriteOnlyOnceItsUpdateIsOnThePushgateway() throws Exception {
        int writers = 16;
        int writesEach = 40;
        // Writes answered so far: each was accepted before any write sent after its answer, so a write sent when
        // `answered` was n is accepted after at least n others, and its 200 promises a pushed total of n + 1 or more.
        AtomicLong answered = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                results.add(threads.submit(() -> {
                    List<String> broken = new ArrayList<>();
                    for (int i = 0; i < writesEach; i++) {
                        long atLeast = answered.get() + 1;
                        post("/updateTotal", "{\"totalReq\": 1, \"testid\": \"sync-concurrent\"}")
                                .statusCode(200)
                                .body("pushed", equalTo(true));
                        double onPushgateway = pushedTotal("sync-concurrent");
                        if (onPushgateway < atLeast) {
                            broken.add("answered 200 with " + onPushgateway + " on the Pushgateway, at least " + atLeast
                                    + " expected");
                        }
                        answered.incrementAndGet();
                    }
                    return broken;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(pushedLines(pushgateway, "sync-concurrent")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"sync-concurrent\"} 640");
        Map<String, Object> run = awaitPushed("sync-concurrent");
        assertThat(run).containsEntry("updates", writers * writesEach);
        assertThat(((Number) run.get("pushes")).intValue()).isBetween(1, writers * writesEach);
    }

    private double pushedTotal(String testid) {
        return pushedLines(pushgateway, testid).stream()
                .filter(line -> line.startsWith("Loadtests_total_overall_requests_made{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    public static class SyncMode implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exporter.push-mode", "sync");
        }
    }
}
