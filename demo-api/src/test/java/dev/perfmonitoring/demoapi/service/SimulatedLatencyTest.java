package dev.perfmonitoring.demoapi.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.MetricsScrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * Simulated latency holds no thread: 64 reads wait out a one-minute delay at the same time - more than the event-loop
 * threads (two per core) - while the application keeps answering other requests at once. The test observes them
 * through http_requests_in_progress and never waits for the delay itself.
 */
@QuarkusTest
@TestProfile(SimulatedLatencyTest.SlowReads.class)
class SimulatedLatencyTest {

    /** Every GET /person/{id} takes exactly one minute; everything else answers at once. */
    public static class SlowReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "demo-api.latency.mode", "long-tail",
                    "demo-api.latency.spread", "0",
                    "demo-api.latency.get-median", "60s",
                    "demo-api.latency.get-max", "60s",
                    "demo-api.latency.create-median", "0ms",
                    "demo-api.latency.list-median", "0ms");
        }
    }

    private static final int WAITING_READS = 64;
    private static final String GETS_IN_PROGRESS = "http_requests_in_progress{method=\"GET\",}";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Test
    void delayedReadsWaitSideBySideWithoutHoldingThreads() throws Exception {
        List<Socket> readers = new ArrayList<>();
        try {
            for (int i = 0; i < WAITING_READS; i++) {
                readers.add(sendGet("/person/" + (i + 1)));
            }

            awaitGetsInProgress(count -> count == WAITING_READS);
            given().contentType(ContentType.JSON).body("{\"first_name\": \"Not\", \"last_name\": \"Delayed\"}")
                    .post("/person").then().statusCode(201);
            given().get("/person/list").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
            assertThat(MetricsScrape.value(MetricsScrape.exposition(), GETS_IN_PROGRESS)).isEqualTo(WAITING_READS);
        } finally {
            for (Socket reader : readers) {
                reader.close();
            }
        }
        // Abandoned requests leave the gauge without being counted as answered.
        awaitGetsInProgress(count -> count == 0);
    }

    private Socket sendGet(String path) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void awaitGetsInProgress(DoublePredicate expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        double inProgress = -1;
        while (Instant.now().isBefore(deadline)) {
            String exposition = MetricsScrape.exposition();
            inProgress = MetricsScrape.count(exposition, GETS_IN_PROGRESS);
            if (expected.test(inProgress)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET requests in progress still " + inProgress + " after " + PATIENCE);
    }
}
