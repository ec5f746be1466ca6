package dev.perfmonitoring.exporter.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The push bookkeeping of one group: when the next push may start, and what is still unpushed. */
class RunGroupTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final long T0 = 1_000_000_000L;

    private final RunGroup group = new RunGroup(RunKey.of("bookkeeping"));

    @Test
    void mayPushAtOnceBeforeTheFirstPush() {
        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isZero();
    }

    @Test
    void waitsOneIntervalAfterAPushAttempt() {
        group.pushStarted(T0);
        group.pushSucceeded(group.snapshot());

        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(INTERVAL.toNanos());
        assertThat(group.nanosUntilPushAllowed(T0 + 400_000_000L, INTERVAL, MAX_BACKOFF)).isEqualTo(600_000_000L);
        assertThat(group.nanosUntilPushAllowed(T0 + INTERVAL.toNanos(), INTERVAL, MAX_BACKOFF)).isZero();
    }

    @Test
    void backsOffDoublingFromTwiceTheIntervalUpToTheMaximumWhilePushesFail() {
        long[] expectedSeconds = {2, 4, 8, 10, 10};
        for (long seconds : expectedSeconds) {
            group.pushStarted(T0);
            group.pushFailed();
            assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(Duration.ofSeconds(seconds).toNanos());
        }

        group.pushStarted(T0);
        group.pushSucceeded(group.snapshot());
        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, MAX_BACKOFF)).isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void neverRetriesFasterThanTheIntervalEvenWithASmallerMaximumBackoff() {
        group.pushStarted(T0);
        group.pushFailed();

        assertThat(group.nanosUntilPushAllowed(T0, INTERVAL, Duration.ofMillis(100))).isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void updatesAcceptedDuringAPushStayPending() {
        group.update(metrics -> metrics.addOverallRequests(1));
        RunGroup.PushSnapshot inFlight = group.snapshot();
        group.update(metrics -> metrics.addOverallRequests(1));

        group.pushSucceeded(inFlight);

        assertThat(group.hasUnpushedUpdates()).isTrue();
        assertThat(group.oldestUnpushedUpdateMillis()).isPositive();
        group.pushSucceeded(group.snapshot());
        assertThat(group.hasUnpushedUpdates()).isFalse();
        assertThat(group.oldestUnpushedUpdateMillis()).isZero();
        assertThat(group.acceptedUpdates()).isEqualTo(2);
    }

    @Test
    void refusesUpdatesOnceDeleted() {
        group.markRemoved();

        assertThat(group.update(metrics -> metrics.addOverallRequests(1))).isFalse();
        assertThat(group.acceptedUpdates()).isZero();
    }
}
