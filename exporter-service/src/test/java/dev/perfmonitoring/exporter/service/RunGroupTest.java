package dev.perfmonitoring.exporter.service;

import static dev.perfmonitoring.exporter.service.InProcessExporter.pushedLines;
import static dev.perfmonitoring.exporter.service.TestSettings.pushingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.exporter.service.RunGroup.PushOutcome;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The push protocol of one group against a real Pushgateway: when the next push may start, what stays pending, that
 * concurrent pushes leave the newest state, that sync writers share pushes without answering before their update is
 * pushed, and that nothing is pushed after a delete.
 */
class RunGroupTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long T0 = 1_000_000_000L;

    private static PushgatewayServer pushgateway;
    private static PushgatewayClient client;
    /** A client of a port nothing listens on: every push fails at once. */
    private static PushgatewayClient unreachable;

    @BeforeAll
    static void startPushgateway() {
        pushgateway = PushgatewayServer.start();
        client = new PushgatewayClient(pushingTo(pushgateway.url()), new ObjectMapper());
        unreachable = new PushgatewayClient(pushingTo("http://127.0.0.1:" + LoopbackPorts.free()), new ObjectMapper());
    }

    @AfterAll
    static void stopPushgateway() {
        pushgateway.close();
    }

    @Test
    void mayPushAtOnceBeforeTheFirstPush() {
        assertThat(new RunGroup(RunKey.of("first")).nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isZero();
    }

    @Test
    void waitsOneIntervalAfterAPushAttempt() {
        RunGroup group = new RunGroup(RunKey.of("interval"));
        group.update(metrics -> metrics.addOverallRequests(1));

        assertThat(group.pushTo(client, T0)).isEqualTo(PushOutcome.PUSHED);

        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(INTERVAL.toNanos());
        assertThat(group.nanosUntilPushAllowed(T0 + 400_000_000L, INTERVAL, MAX_BACKOFF)).isEqualTo(600_000_000L);
        assertThat(group.nanosUntilPushAllowed(T0 + INTERVAL.toNanos(), INTERVAL, MAX_BACKOFF)).isZero();
    }

    @Test
    void backsOffDoublingFromTwiceTheIntervalUpToTheMaximumWhilePushesFail() {
        RunGroup group = new RunGroup(RunKey.of("backoff"));
        group.update(metrics -> metrics.addOverallRequests(1));
        for (long seconds : new long[] {2, 4, 8, 10, 10}) {
            assertThat(group.pushTo(unreachable, T0)).isEqualTo(PushOutcome.FAILED);
            assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(Duration.ofSeconds(seconds).toNanos());
        }

        assertThat(group.pushTo(client, T0)).isEqualTo(PushOutcome.PUSHED);
        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void neverRetriesFasterThanTheIntervalEvenWithASmallerMaximumBackoff() {
        RunGroup group = new RunGroup(RunKey.of("small-backoff"));
        group.pushTo(unreachable, T0);

        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, Duration.ofMillis(100))).isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void updatesAcceptedDuringAPushStayPending() {
        RunGroup group = new RunGroup(RunKey.of("during-push"));
        group.update(metrics -> metrics.addOverallRequests(1));
        PushgatewayClient updatingWhilePushing = new PushgatewayClient(pushingTo(pushgateway.url()), new ObjectMapper()) {
            @Override
            public void push(RunKey key, MetricSnapshots snapshot) throws IOException {
                group.update(metrics -> metrics.addOverallRequests(1));
                super.push(key, snapshot);
            }
        };

        assertThat(group.pushTo(updatingWhilePushing)).isEqualTo(PushOutcome.PUSHED);

        assertThat(group.hasUnpushedUpdates()).isTrue();
        assertThat(group.oldestUnpushedUpdateMillis()).isPositive();
        assertThat(pushedLines(pushgateway, "during-push"))
                .containsExactly("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"during-push\"} 1");
        assertThat(group.pushTo(client)).isEqualTo(PushOutcome.PUSHED);
        assertThat(group.hasUnpushedUpdates()).isFalse();
        assertThat(group.oldestUnpushedUpdateMillis()).isZero();
        assertThat(group.acceptedUpdates()).isEqualTo(2);
    }

    @Test
    void concurrentPushesLeaveTheNewestStateOnThePushgateway() throws Exception {
        RunGroup group = new RunGroup(RunKey.of("concurrent-pushes"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        group.update(metrics -> metrics.addOverallRequests(1));
                        assertThat(group.pushTo(client)).isEqualTo(PushOutcome.PUSHED);
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(group.hasUnpushedUpdates()).isFalse();
        assertThat(pushedLines(pushgateway, "concurrent-pushes")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"concurrent-pushes\"} 200");
    }

    @Test
    void aDeletedGroupRefusesUpdatesAndIsNeverPushedAgain() throws IOException {
        RunGroup group = new RunGroup(RunKey.of("deleted"));
        group.update(metrics -> metrics.addOverallRequests(1));
        group.pushTo(client);

        group.deleteFrom(client);

        assertThat(group.update(metrics -> metrics.addOverallRequests(1))).isFalse();
        assertThat(group.pushTo(client)).isEqualTo(PushOutcome.GROUP_DELETED);
        assertThat(group.acceptedUpdates()).isEqualTo(1);
        assertThat(pushedLines(pushgateway, "deleted")).isEmpty();
    }

    @Test
    void aFailedDeleteKeepsTheGroup() {
        RunGroup group = new RunGroup(RunKey.of("kept"));
        group.update(metrics -> metrics.addOverallRequests(1));

        assertThatThrownBy(() -> group.deleteFrom(unreachable)).isInstanceOf(IOException.class);

        assertThat(group.update(metrics -> metrics.addOverallRequests(1))).isTrue();
        assertThat(group.pushTo(client)).isEqualTo(PushOutcome.PUSHED);
    }

    @Test
    void aWriterWhoseUpdateAPushAlreadyCarriedDoesNotPushAgain() {
        RunGroup group = new RunGroup(RunKey.of("carried"));
        CountingClient counting = new CountingClient();
        long first = group.accept(metrics -> metrics.addOverallRequests(1));
        long second = group.accept(metrics -> metrics.addOverallRequests(1));

        assertThat(group.pushCovering(counting, second)).isEqualTo(PushOutcome.PUSHED);
        assertThat(group.pushCovering(counting, first)).isEqualTo(PushOutcome.PUSHED);

        assertThat(counting.pushes.get()).isEqualTo(1);
        assertThat(group.hasUnpushedUpdates()).isFalse();
        assertThat(pushedLines(pushgateway, "carried"))
                .containsExactly("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"carried\"} 2");
    }

    @Test
    void writersWaitingForAPushInFlightShareTheNextPushWhichCarriesAllOfThem() throws Exception {
        RunGroup group = new RunGroup(RunKey.of("group-commit"));
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> pushedTotals = new ArrayList<>();
        CountingClient blockingFirstPush = new CountingClient() {
            @Override
            public void push(RunKey key, MetricSnapshots snapshot) throws IOException {
                if (pushes.get() == 0) {
                    inFlight.countDown();
                    await(release);
                }
                super.push(key, snapshot);
                pushedTotals.addAll(pushedLines(pushgateway, "group-commit"));
            }
        };
        long before = group.accept(metrics -> metrics.addOverallRequests(1));
        ExecutorService threads = Executors.newFixedThreadPool(9);
        try {
            Future<PushOutcome> firstWriter = threads.submit(() -> group.pushCovering(blockingFirstPush, before));
            assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
            // Accepted while the first push is in flight: that push does not carry them, so none may answer with it.
            List<Thread> waiting = new ArrayList<>();
            List<Future<PushOutcome>> writers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long sequence = group.accept(metrics -> metrics.addOverallRequests(1));
                writers.add(threads.submit(() -> {
                    synchronized (waiting) {
                        waiting.add(Thread.currentThread());
                    }
                    return group.pushCovering(blockingFirstPush, sequence);
                }));
            }
            awaitAllWaiting(waiting, 8);
            assertThat(writers).noneMatch(Future::isDone);

            release.countDown();

            assertThat(firstWriter.get(30, TimeUnit.SECONDS)).isEqualTo(PushOutcome.PUSHED);
            for (Future<PushOutcome> writer : writers) {
                assertThat(writer.get(30, TimeUnit.SECONDS)).isEqualTo(PushOutcome.PUSHED);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(blockingFirstPush.pushes.get()).isEqualTo(2);
        assertThat(pushedTotals).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"group-commit\"} 1",
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"group-commit\"} 9");
        assertThat(group.hasUnpushedUpdates()).isFalse();
    }

    @Test
    void writersWhoseUpdateAFailedPushCarriedAnswerFailedWithoutWaitingForAnotherAttempt() {
        RunGroup group = new RunGroup(RunKey.of("shared-failure"));
        AtomicInteger attempts = new AtomicInteger();
        PushgatewayClient failing = new PushgatewayClient(pushingTo("http://127.0.0.1:" + LoopbackPorts.free()),
                new ObjectMapper()) {
            @Override
            public Optional<PushedGroup> read(RunKey key) throws IOException {
                attempts.incrementAndGet();
                return super.read(key);
            }
        };
        long first = group.accept(metrics -> metrics.addOverallRequests(1));
        long second = group.accept(metrics -> metrics.addOverallRequests(1));

        assertThat(group.pushCovering(failing, second)).isEqualTo(PushOutcome.FAILED);
        assertThat(group.pushCovering(failing, first)).isEqualTo(PushOutcome.FAILED);
        assertThat(attempts.get()).isEqualTo(1);

        long third = group.accept(metrics -> metrics.addOverallRequests(1));
        assertThat(group.pushCovering(client, third)).isEqualTo(PushOutcome.PUSHED);
        assertThat(group.pushCovering(client, first)).isEqualTo(PushOutcome.PUSHED);
        assertThat(pushedLines(pushgateway, "shared-failure")).containsExactly(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"shared-failure\"} 3");
    }

    private static void awaitAllWaiting(List<Thread> threads, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == expected && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the writers did not all wait for the push in flight");
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IOException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A client of the test's Pushgateway that counts its pushes. */
    private static class CountingClient extends PushgatewayClient {

        final AtomicInteger pushes = new AtomicInteger();

        CountingClient() {
            super(pushingTo(pushgateway.url()), new ObjectMapper());
        }

        @Override
        public void push(RunKey key, MetricSnapshots snapshot) throws IOException {
            super.push(key, snapshot);
            pushes.incrementAndGet();
        }
    }
}
