package dev.perfmonitoring.exporter.service;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One Pushgateway group: its metrics, and the one place that puts them on the Pushgateway or deletes them there.
 *
 * <p>The push protocol lives here alone. Two locks: the group's monitor guards the metrics and the update counts and
 * is held only for in-memory work, so writers never wait for the network; the push lock serialises
 * {@link #pushTo(PushgatewayClient)} and {@link #deleteFrom(PushgatewayClient)}, and a snapshot is taken and pushed
 * under it, so an older snapshot can never overwrite a newer one and nothing is pushed after a delete. Before its
 * first push a group reads what the Pushgateway holds for it and continues from there (an exporter restarted mid-run
 * does not reset the run); a Pushgateway that cannot be read fails the push, so the updates stay pending and are
 * retried, never pushed over the earlier state.
 *
 * <p>Sync-mode writers share pushes (group commit): each accepted update gets a sequence number, and
 * {@link #pushCovering(PushgatewayClient, long)} returns as soon as a push whose snapshot contains that update has
 * succeeded. Only one push runs at a time; a writer that waited for it does not push again when that push already
 * carried its update, and the next push carries every update accepted meanwhile, so 16 waiting writers cost one or two
 * pushes instead of 16.
 */
public final class RunGroup {

    /** What a push attempt did. */
    public enum PushOutcome {
        /** The state with every update accepted before the attempt is on the Pushgateway. */
        PUSHED,
        /** The Pushgateway could not be read or refused the push: the updates stay pending. */
        FAILED,
        /** The group was deleted: nothing is pushed any more. */
        GROUP_DELETED
    }

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
    /** The accepted updates when the last failed push attempt started (its updates are retried in the background). */
    private long updatesOfLastFailedAttempt;

    // written under pushLock, read by the scheduler, /runs, health and metrics
    private volatile boolean pushgatewayStateRead;
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
    boolean update(Consumer<RunMetrics> change) {
        return accept(change) > 0;
    }

    /**
     * Applies one accepted update.
     *
     * @return its sequence number in this group (1, 2, ...), or 0 when the group was deleted meanwhile
     */
    synchronized long accept(Consumer<RunMetrics> change) {
        if (removed) {
            return 0;
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
        return acceptedUpdates;
    }

    /**
     * Puts the group's current state on the Pushgateway, after any push or delete of this group in progress. The
     * first push of a group that this process created reads the Pushgateway's copy first and continues from it.
     */
    public PushOutcome pushTo(PushgatewayClient pushgateway) {
        return pushTo(pushgateway, System.nanoTime());
    }

    PushOutcome pushTo(PushgatewayClient pushgateway, long nowNanos) {
        pushLock.lock();
        try {
            if (isRemoved()) {
                return PushOutcome.GROUP_DELETED;
            }
            return pushHoldingTheLock(pushgateway, nowNanos);
        } finally {
            pushLock.unlock();
        }
    }

    /**
     * Returns once update {@code sequence} (from {@link #accept(Consumer)}) is on the Pushgateway, pushing only when no
     * push that carried it has succeeded: {@link PushOutcome#PUSHED} when a push whose snapshot contains the update
     * succeeded (this caller's or another writer's); {@link PushOutcome#FAILED} when the attempt that carried it
     * failed (the update stays pending, a retry is the scheduler's job); {@link PushOutcome#GROUP_DELETED} when the
     * group was deleted before the update was pushed.
     */
    public PushOutcome pushCovering(PushgatewayClient pushgateway, long sequence) {
        if (isPushed(sequence)) {
            return PushOutcome.PUSHED;
        }
        pushLock.lock();
        try {
            // While this writer waited for the lock, the push in flight may have carried its update or failed with it.
            synchronized (this) {
                if (pushedUpdates >= sequence) {
                    return PushOutcome.PUSHED;
                }
                if (removed) {
                    return PushOutcome.GROUP_DELETED;
                }
                if (updatesOfLastFailedAttempt >= sequence) {
                    return PushOutcome.FAILED;
                }
            }
            return pushHoldingTheLock(pushgateway, System.nanoTime());
        } finally {
            pushLock.unlock();
        }
    }

    private synchronized boolean isPushed(long sequence) {
        return pushedUpdates >= sequence;
    }

    private PushOutcome pushHoldingTheLock(PushgatewayClient pushgateway, long nowNanos) {
        long acceptedAtStart = acceptedUpdates();
        lastPushAttemptNanos = nowNanos;
        pushAttempted = true;
        try {
            if (!pushgatewayStateRead) {
                continueFrom(pushgateway.read(key));
            }
            Snapshot snapshot = snapshot();
            pushgateway.push(key, snapshot.metrics());
            pushSucceeded(snapshot);
            return PushOutcome.PUSHED;
        } catch (IOException | RuntimeException e) {
            consecutivePushFailures++;
            attemptFailed(acceptedAtStart);
            Log.warnf("Push of %s to %s failed, state kept for a retry: %s", key, pushgateway.url(), e.getMessage());
            return PushOutcome.FAILED;
        }
    }

    private synchronized void attemptFailed(long acceptedAtStart) {
        updatesOfLastFailedAttempt = Math.max(updatesOfLastFailedAttempt, acceptedAtStart);
    }

    /**
     * Deletes the group from the Pushgateway, after any push in progress; from then on it refuses updates and pushes.
     *
     * @throws IOException when the Pushgateway did not delete it: the group stays as it was
     */
    public void deleteFrom(PushgatewayClient pushgateway) throws IOException {
        pushLock.lock();
        try {
            pushgateway.delete(key);
            synchronized (this) {
                removed = true;
            }
        } finally {
            pushLock.unlock();
        }
    }

    private void continueFrom(Optional<PushedGroup> onPushgateway) {
        synchronized (this) {
            onPushgateway.ifPresent(metrics::continueFrom);
        }
        pushgatewayStateRead = true;
        if (onPushgateway.isPresent()) {
            Log.infof("%s continues from the state the Pushgateway holds", key);
        }
    }

    private synchronized Snapshot snapshot() {
        firstUpdateSinceSnapshotMillis = 0;
        return new Snapshot(metrics.snapshot(), acceptedUpdates);
    }

    private synchronized void pushSucceeded(Snapshot snapshot) {
        pushedUpdates = Math.max(pushedUpdates, snapshot.updates());
        oldestUnpushedUpdateMillis = acceptedUpdates == pushedUpdates ? 0 : firstUpdateSinceSnapshotMillis;
        consecutivePushFailures = 0;
        lastSuccessfulPushMillis = System.currentTimeMillis();
        successfulPushes++;
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

    synchronized boolean isRemoved() {
        return removed;
    }

    public synchronized boolean hasUnpushedUpdates() {
        return acceptedUpdates > pushedUpdates;
    }

    public synchronized long acceptedUpdates() {
        return acceptedUpdates;
    }

    /** Epoch millis of the oldest accepted update not yet on the Pushgateway, 0 when everything is pushed. */
    public synchronized long oldestUnpushedUpdateMillis() {
        return oldestUnpushedUpdateMillis;
    }

    /** True until the group has read what the Pushgateway held for it before its first push. */
    public boolean awaitsPushgatewayState() {
        return !pushgatewayStateRead;
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
    private record Snapshot(MetricSnapshots metrics, long updates) {
    }
}
