package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.metrics.RunMetrics;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One Pushgateway group: its metrics and what of them has reached the Pushgateway.
 *
 * <p>Two locks: the group's monitor guards the metrics and the update counts (held only for in-memory work, so
 * writers never wait for the network); {@link #pushLock()} serialises pushes and the delete, so an older snapshot can
 * never overwrite a newer one on the Pushgateway.
 */
public final class RunGroup {

    private final RunKey key;
    private final RunMetrics metrics = new RunMetrics();
    private final ReentrantLock pushLock = new ReentrantLock();
    private final AtomicBoolean pushScheduled = new AtomicBoolean();

    // guarded by this
    private long acceptedUpdates;
    private long pushedUpdates;
    private long oldestUnpushedUpdateMillis;
    private long firstUpdateSinceSnapshotMillis;
    private boolean removed;

    // written under pushLock, read by the scheduler, /runs and readiness
    private volatile long lastPushAttemptNanos;
    private volatile boolean pushAttempted;
    private volatile int consecutivePushFailures;
    private volatile long lastSuccessfulPushMillis;
    private volatile long successfulPushes;

    RunGroup(RunKey key) {
        this.key = key;
    }

    public RunKey key() {
        return key;
    }

    /** Applies one accepted update; false when the group was deleted meanwhile (the caller retries on a new group). */
    synchronized boolean update(Consumer<RunMetrics> change) {
        if (removed) {
            return false;
        }
        change.accept(metrics);
        acceptedUpdates++;
        long now = System.currentTimeMillis();
        if (oldestUnpushedUpdateMillis == 0) {
            oldestUnpushedUpdateMillis = now;
        }
        if (firstUpdateSinceSnapshotMillis == 0) {
            firstUpdateSinceSnapshotMillis = now;
        }
        return true;
    }

    /** The current values and how many updates they contain; call under {@link #pushLock()}. */
    synchronized PushSnapshot snapshot() {
        firstUpdateSinceSnapshotMillis = 0;
        return new PushSnapshot(metrics.snapshot(), acceptedUpdates);
    }

    public synchronized boolean hasUnpushedUpdates() {
        return acceptedUpdates > pushedUpdates;
    }

    /** Records a push attempt starting now; call under {@link #pushLock()}. */
    void pushStarted(long nowNanos) {
        lastPushAttemptNanos = nowNanos;
        pushAttempted = true;
    }

    /** Records that {@code snapshot} is on the Pushgateway; call under {@link #pushLock()}. */
    synchronized void pushSucceeded(PushSnapshot snapshot) {
        pushedUpdates = Math.max(pushedUpdates, snapshot.updates());
        oldestUnpushedUpdateMillis = acceptedUpdates == pushedUpdates ? 0 : firstUpdateSinceSnapshotMillis;
        consecutivePushFailures = 0;
        lastSuccessfulPushMillis = System.currentTimeMillis();
        successfulPushes++;
    }

    /** Records a failed push; call under {@link #pushLock()}. */
    void pushFailed() {
        consecutivePushFailures++;
    }

    /**
     * How long to wait before the next push may start: none before the first push, one interval after a push
     * attempt, and after failures a backoff doubling from twice the interval up to {@code maxBackoff} (never less
     * than one interval).
     */
    long nanosUntilPushAllowed(long nowNanos, Duration interval, Duration maxBackoff) {
        if (!pushAttempted) {
            return 0;
        }
        int failures = consecutivePushFailures;
        long gap = failures == 0
                ? interval.toNanos()
                : Math.max(interval.toNanos(), Math.min(maxBackoff.toNanos(), interval.toNanos() << Math.min(failures, 20)));
        return Math.max(0, lastPushAttemptNanos + gap - nowNanos);
    }

    /** Marks a coalesced push as scheduled; false when one already is. */
    boolean schedulePush() {
        return pushScheduled.compareAndSet(false, true);
    }

    /** Called by the scheduled push as it starts: later updates schedule the next one. */
    void scheduledPushStarted() {
        pushScheduled.set(false);
    }

    ReentrantLock pushLock() {
        return pushLock;
    }

    /** Marks the group deleted so that no update or push touches it again; call under {@link #pushLock()}. */
    synchronized void markRemoved() {
        removed = true;
    }

    synchronized boolean isRemoved() {
        return removed;
    }

    public synchronized long acceptedUpdates() {
        return acceptedUpdates;
    }

    /** Epoch millis of the oldest accepted update not yet on the Pushgateway, 0 when everything is pushed. */
    public synchronized long oldestUnpushedUpdateMillis() {
        return oldestUnpushedUpdateMillis;
    }

    public long successfulPushes() {
        return successfulPushes;
    }

    /** Epoch millis of the last successful push, 0 before the first. */
    public long lastSuccessfulPushMillis() {
        return lastSuccessfulPushMillis;
    }

    public boolean lastPushFailed() {
        return consecutivePushFailures > 0;
    }

    /** The values to push and the number of accepted updates they contain. */
    record PushSnapshot(MetricSnapshots metrics, long updates) {
    }
}
