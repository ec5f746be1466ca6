package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

    private final PersonApiClient unused = new PersonApiClient(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:1"));

    @Test
    void sharedIterationsRunExactlyTheirCountWithinTheDuration() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunStatistics statistics = new RunStatistics();
        Scenario scenario = new Scenario("shared", new Scenario.SharedIterations(4, 40, Duration.ofSeconds(2)),
                (client, persons) -> {
                    calls.incrementAndGet();
                    return new Outcome(200, 1_000_000, false);
                });

        long start = System.nanoTime();
        new ScenarioRunner(unused, new KnownPersons(), statistics).runAll(List.of(scenario));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(calls).hasValue(40);
        assertThat(statistics.requests()).isEqualTo(40);
        // paced over the duration rather than all at once: the 40th starts at 39/40 of 2 s
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void arrivalRateDropsIterationsWhenEveryVuIsBusy() throws Exception {
        RunStatistics statistics = new RunStatistics();
        Scenario slow = new Scenario("slow", new Scenario.ConstantArrivalRate(20, Duration.ofSeconds(1), 1),
                (client, persons) -> {
                    sleep(400);
                    return new Outcome(200, 400_000_000, false);
                });

        new ScenarioRunner(unused, new KnownPersons(), statistics).runAll(List.of(slow));

        // 20 arrivals in 1 s on one VU busy 400 ms each: at most 3 run, every other arrival is dropped
        assertThat(statistics.requests()).isBetween(1L, 3L);
        assertThat(statistics.requests() + statistics.dropped()).isEqualTo(20);
    }

    @Test
    void failuresAndBatchMeansAreCounted() throws Exception {
        RunStatistics statistics = new RunStatistics();
        AtomicInteger n = new AtomicInteger();
        Scenario mixed = new Scenario("mixed", new Scenario.SharedIterations(1, 4, Duration.ofMillis(200)),
                (client, persons) -> n.incrementAndGet() % 2 == 0
                        ? new Outcome(500, 30_000_000, true)
                        : new Outcome(200, 10_000_000, false));

        new ScenarioRunner(unused, new KnownPersons(), statistics).runAll(List.of(mixed));
        RunStatistics.Batch batch = statistics.takeBatch();

        assertThat(batch).isEqualTo(new RunStatistics.Batch(4, 2, 20.0));
        assertThat(statistics.takeBatch()).isEqualTo(new RunStatistics.Batch(0, 0, 0));
        assertThat(statistics.failures()).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
