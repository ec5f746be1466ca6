package dev.perfmonitoring.exposer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.exposer.ManualClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In the running application the schedule drives generation from the clock; here the clock is moved by hand. */
@QuarkusTest
class ScheduledGenerationTest {

    private static final String REQUESTS = "sample_request_duration_seconds_count{endpoint=\"endpoint-1\"}";
    private static final String QUEUE = "sample_queue_depth{queue=\"queue-1\"}";

    @Inject
    ManualClock clock;

    @Inject
    SampleGenerator generator;

    @Inject
    Scheduler scheduler;

    @Test
    void generationIsScheduledEverySecond() {
        assertThat(scheduler.getScheduledJob("sample-generation")).isNotNull();
    }

    @Test
    void servedValuesStandStillWhileTheClockDoes() {
        generator.advance();
        String before = sampleLines();

        generator.advance();

        assertThat(sampleLines()).isEqualTo(before);
    }

    @Test
    void movingTheClockAdvancesTheServedValuesByExactlyTheStepsPassed() {
        generator.advance();
        long stepBefore = generator.step();
        Map<String, Double> before = served();

        clock.advance(Duration.ofSeconds(30));
        generator.advance();

        Map<String, Double> after = served();
        assertThat(generator.step()).isEqualTo(stepBefore + 30);
        assertThat(after.get(REQUESTS)).isGreaterThan(before.get(REQUESTS));
        // the default queue fills to 500 jobs in 2 minutes: 30 s later it holds 125 more, unless it was drained
        assertThat(after.get(QUEUE) - before.get(QUEUE)).isIn(125.0, 125.0 - 500);
    }

    @Test
    void theScheduleCatchesUpWithTheClockOnItsOwn() throws InterruptedException {
        long due = generator.step() + 5;
        clock.advance(Duration.ofSeconds(5));

        // no manual advance(): the every-second job must run the steps; the deadline only guards against a hang
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (generator.step() < due && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(generator.step()).isEqualTo(due);
    }

    private static String sampleLines() {
        return String.join("\n", Exposition.sampleLines(scrape()));
    }

    private static Map<String, Double> served() {
        return Exposition.values(scrape());
    }

    private static String scrape() {
        return given().accept("text/plain").get("/").then().statusCode(200).extract().asString();
    }
}
