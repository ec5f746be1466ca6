package dev.perfmonitoring.exposer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.exposer.LabelValuesProfile;
import dev.perfmonitoring.exposer.ManualClock;
import dev.perfmonitoring.exposer.service.SampleEvents;
import dev.perfmonitoring.exposer.service.SampleGenerator;
import dev.perfmonitoring.stack.process.Promtool;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scrapes read the last published step: complete and consistent while generation runs flat out, never blocked. */
@QuarkusTest
@TestProfile(LabelValuesProfile.class)
class SampleCollectorTest {

    private static final int SAMPLE_SERIES = LabelValuesProfile.LABEL_VALUES * 26 + 1;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int SCRAPES = 40;

    @TestHTTPResource("/")
    URI root;

    @TestHTTPResource("/q/metrics")
    URI quarkusMetrics;

    @Inject
    ManualClock clock;

    @Inject
    SampleGenerator generator;

    @Inject
    SampleEvents events;

    @Test
    void scrapesTakenWhileGenerationRunsFlatOutAreCompleteConsistentAndParse() throws Exception {
        // Read before the generation task starts: read after, it could already include the task's first steps.
        long stepBefore = generator.step();
        AtomicBoolean scraping = new AtomicBoolean(true);
        CompletableFuture<Long> generation = CompletableFuture.supplyAsync(() -> {
            long steps = 0;
            while (scraping.get()) {
                clock.advance(Duration.ofSeconds(1));
                generator.advance();
                steps++;
                if (steps % 25 == 0) {
                    events.trigger(steps % 100 == 0 ? "deploy" : "order-burst", null, null);
                }
            }
            return steps;
        });
        List<String> scrapes = new ArrayList<>();
        try {
            long lastStep = stepBefore;
            for (int scrape = 0; scrape < SCRAPES; scrape++) {
                // However the threads are scheduled, every scrape comes after at least one more step.
                lastStep = awaitStepAfter(lastStep);
                scrapes.add(get(scrape % 2 == 0 ? root : quarkusMetrics));
            }
        } finally {
            scraping.set(false);
        }
        long steps = generation.get();

        assertThat(steps).as("steps run during the scrapes").isGreaterThanOrEqualTo(SCRAPES);
        assertThat(generator.step()).isEqualTo(stepBefore + steps);
        assertThat(scrapes.stream().map(Exposition::sampleLines).distinct().count())
                .as("distinct scrapes").isGreaterThan(1);
        for (String exposition : scrapes) {
            assertComplete(exposition);
            assertConsistent(Exposition.values(exposition));
            Promtool check = Promtool.checkMetrics(exposition);
            assertThat(check.exitCode()).as(check.output()).isNotEqualTo(Promtool.PARSE_ERROR);
        }
    }

    @Test
    void aScrapeIsServedWhileTheGeneratorHoldsItsLock() throws Exception {
        Object lockedGenerator = ClientProxy.unwrap(generator);
        String exposition;
        synchronized (lockedGenerator) {
            // a scrape that needed the generator's lock would wait here until the timeout
            exposition = get(root);
        }
        assertComplete(exposition);
    }

    /** Waits (at most a minute) until the generator has run past {@code step}; returns the step it reached. */
    private long awaitStepAfter(long step) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long now;
        while ((now = generator.step()) <= step) {
            assertThat(System.nanoTime()).as("generator still at step %d after a minute", step).isLessThan(deadline);
            Thread.sleep(1);
        }
        return now;
    }

    private static void assertComplete(String exposition) {
        assertThat(Exposition.sampleLines(exposition)).hasSize(SAMPLE_SERIES);
        assertThat(exposition.lines().filter(line -> line.startsWith("# TYPE sample_")))
                .containsExactly("# TYPE sample_orders_processed_total counter",
                        "# TYPE sample_temperature_celsius gauge",
                        "# TYPE sample_stock_price gauge",
                        "# TYPE sample_queue_depth gauge",
                        "# TYPE sample_request_duration_seconds histogram",
                        "# TYPE sample_response_size_bytes summary",
                        "# TYPE sample_build_info gauge");
    }

    /** Every part of one scrape comes from the same step: buckets add up, and both request metrics agree. */
    private static void assertConsistent(Map<String, Double> values) {
        for (int endpoint = 1; endpoint <= LabelValuesProfile.LABEL_VALUES; endpoint++) {
            String label = String.format("endpoint=\"endpoint-%03d\"", endpoint);
            List<Double> buckets = values.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("sample_request_duration_seconds_bucket{" + label))
                    .map(Map.Entry::getValue)
                    .collect(Collectors.toList());
            double count = values.get("sample_request_duration_seconds_count{" + label + "}");
            assertThat(buckets).hasSize(13).isSorted().last().isEqualTo(count);
            assertThat(values.get("sample_response_size_bytes_count{" + label + "}")).isEqualTo(count);
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                        .header("Accept", "text/plain")
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
