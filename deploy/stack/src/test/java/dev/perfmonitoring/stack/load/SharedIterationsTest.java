package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * k6's shared-iterations: VUs take the next iteration as soon as they are free, no pacing, until the iterations or
 * maxDuration run out. Times are only bounded from the side the scheduler cannot move (a loaded machine makes
 * everything slower, never faster).
 */
class SharedIterationsTest {

    private static final Duration GRACEFUL = ExecutorConfig.DEFAULT_GRACEFUL_STOP;

    private final LongAdder dropped = new LongAdder();

    @Test
    void fastIterationsRunExactlyTheirCountFarBeforeMaxDuration() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SharedIterationsConfig config = new SharedIterationsConfig(4, 400, Duration.ofSeconds(60), GRACEFUL);

        long start = System.nanoTime();
        IterationCounts counts = new SharedIterations("create", config).run(calls::incrementAndGet, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(calls).hasValue(400);
        assertThat(counts).isEqualTo(new IterationCounts(400, 0));
        assertThat(dropped.sum()).isZero();
        // not paced over maxDuration: 400 empty iterations take milliseconds, half of maxDuration is a wide margin
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void everyVuWorksAtOnceAndOnlyTheVus() throws Exception {
        CountDownLatch allVusBusy = new CountDownLatch(4);
        AtomicBoolean waitedInVain = new AtomicBoolean();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SharedIterationsConfig config = new SharedIterationsConfig(4, 8, Duration.ofSeconds(60), GRACEFUL);

        new SharedIterations("create", config).run(() -> {
            threads.add(Thread.currentThread().getName());
            allVusBusy.countDown();
            try {
                // the first four iterations meet here: only possible when four VUs run them at the same time
                if (!allVusBusy.await(20, TimeUnit.SECONDS)) {
                    waitedInVain.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, dropped::add);

        assertThat(waitedInVain).isFalse();
        assertThat(threads).containsExactlyInAnyOrder("vu-create-0", "vu-create-1", "vu-create-2", "vu-create-3");
    }

    @Test
    void slowIterationsStopAtMaxDurationAndTheRestIsDropped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SharedIterationsConfig config = new SharedIterationsConfig(2, 1000, Duration.ofSeconds(1), GRACEFUL);

        long start = System.nanoTime();
        IterationCounts counts = new SharedIterations("delete", config).run(() -> {
            calls.incrementAndGet();
            sleep(200);
        }, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // each VU starts at most one iteration per 200 ms before the 1 s is over: at most 5 each
        assertThat(calls.get()).isBetween(1, 10);
        assertThat(counts).isEqualTo(new IterationCounts(calls.get(), 1000 - calls.get()));
        assertThat(dropped.sum()).isEqualTo(1000 - calls.get());
        // a VU stops only when it sees maxDuration over; running iterations end normally (no graceful-stop wait)
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void iterationsStillRunningAfterTheGracefulStopAreInterrupted() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        SharedIterationsConfig config = new SharedIterationsConfig(1, 5, Duration.ofSeconds(1), Duration.ofSeconds(1));

        long start = System.nanoTime();
        IterationCounts counts = new SharedIterations("create", config).run(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, dropped::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(interrupted).isTrue();
        assertThat(counts).isEqualTo(new IterationCounts(1, 4));
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
