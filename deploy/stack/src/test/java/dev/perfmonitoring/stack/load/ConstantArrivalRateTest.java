package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * k6's constant-arrival-rate: rate iterations start per timeUnit, each on a free VU, a start with every VU busy is
 * dropped and counted. Counts are bounded by what the schedule allows at most; the lower bounds leave half the
 * schedule to a loaded machine.
 */
class ConstantArrivalRateTest {

    private final LongAdder dropped = new LongAdder();

    @Test
    void startsRateTimesDurationIterationsSpreadOverTheDuration() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ConstantArrivalRateConfig config = new ConstantArrivalRateConfig(20, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 5, 5, Duration.ofSeconds(30));

        long start = System.nanoTime();
        IterationCounts counts = new ConstantArrivalRate("get", config).run(calls::incrementAndGet, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        long due = counts.started() + counts.dropped();
        // starts are due at 0, 50, ..., 1950 ms: 40 at most, never faster than the schedule
        assertThat(due).isBetween(20L, 40L);
        // five VUs for iterations that take no time: a start finds a free VU
        assertThat(counts.started()).isGreaterThanOrEqualTo(15);
        assertThat(calls.get()).isEqualTo(counts.started());
        assertThat(counts.dropped()).isEqualTo(dropped.sum());
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(50 * (due - 1)));
    }

    @Test
    void dropsAndCountsIterationsThatFindEveryVuBusy() throws Exception {
        ConstantArrivalRateConfig config = new ConstantArrivalRateConfig(20, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(30));

        IterationCounts counts = new ConstantArrivalRate("list", config).run(() -> sleep(400), dropped::add);

        // 20 starts due in 1 s, one VU busy 400 ms per iteration: it can take the ones due at 0, >=400, >=800 ms
        assertThat(counts.started()).isBetween(1L, 3L);
        assertThat(counts.started() + counts.dropped()).isBetween(5L, 20L);
        assertThat(dropped.sum()).isEqualTo(counts.dropped()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void durationEndsStartsWhileRunningIterationsFinish() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        ConstantArrivalRateConfig config = new ConstantArrivalRateConfig(1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(30));

        long start = System.nanoTime();
        IterationCounts counts = new ConstantArrivalRate("update", config).run(() -> {
            sleep(1500);
            finished.set(!Thread.currentThread().isInterrupted());
        }, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(counts).isEqualTo(new IterationCounts(1, 0));
        assertThat(finished).isTrue();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void iterationsStillRunningAfterTheGracefulStopAreInterrupted() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        ConstantArrivalRateConfig config = new ConstantArrivalRateConfig(1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1));

        long start = System.nanoTime();
        new ConstantArrivalRate("update", config).run(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(interrupted).isTrue();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
