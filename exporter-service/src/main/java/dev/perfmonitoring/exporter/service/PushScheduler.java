package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.metrics.ExporterMetrics;
import dev.perfmonitoring.exporter.service.RunGroup.PushSnapshot;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gets each group's latest state onto the Pushgateway. In coalesced mode a single background thread pushes a group
 * at most once per interval however many updates arrive; while the Pushgateway fails it keeps the state and retries
 * with a doubling backoff, then pushes the latest state when the Pushgateway is back.
 */
@ApplicationScoped
public class PushScheduler {

    private final PushgatewayClient pushgateway;
    private final RunStore runs;
    private final ExporterMetrics metrics;
    private final Duration interval;
    private final Duration maxBackoff;
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pushgateway-pusher");
        thread.setDaemon(true);
        return thread;
    });

    public PushScheduler(PushgatewayClient pushgateway, RunStore runs, ExporterMetrics metrics, ExporterConfig config) {
        this.pushgateway = pushgateway;
        this.runs = runs;
        this.metrics = metrics;
        this.interval = config.pushInterval();
        this.maxBackoff = config.pushMaxBackoff();
    }

    /** Makes sure the group's latest state gets pushed: now if allowed, otherwise once its interval or backoff is over. */
    public void schedule(RunGroup group) {
        if (group.schedulePush()) {
            pusher.schedule(() -> pushWhenAllowed(group), nanosUntilAllowed(group), TimeUnit.NANOSECONDS);
        }
    }

    private void pushWhenAllowed(RunGroup group) {
        long wait = nanosUntilAllowed(group);
        if (wait > 0) {
            pusher.schedule(() -> pushWhenAllowed(group), wait, TimeUnit.NANOSECONDS);
            return;
        }
        group.scheduledPushStarted();
        if (group.hasUnpushedUpdates() && !push(group)) {
            schedule(group);
        }
    }

    private long nanosUntilAllowed(RunGroup group) {
        return group.nanosUntilPushAllowed(System.nanoTime(), interval, maxBackoff);
    }

    /**
     * Pushes the group's latest state now, in the caller's thread, after any push of the same group in progress (so
     * an older state never overwrites a newer one).
     *
     * @return true when the state, with every update accepted before the call, is on the Pushgateway (or the group
     *         was deleted)
     */
    public boolean push(RunGroup group) {
        group.pushLock().lock();
        try {
            if (group.isRemoved()) {
                return true;
            }
            group.pushStarted(System.nanoTime());
            PushSnapshot snapshot = group.snapshot();
            try {
                pushgateway.push(group.key(), snapshot.metrics());
            } catch (IOException | RuntimeException e) {
                group.pushFailed();
                metrics.pushFailed();
                Log.warnf("Push of %s to %s failed, state kept for a retry: %s", group.key(), pushgateway.url(), e.getMessage());
                return false;
            }
            group.pushSucceeded(snapshot);
            metrics.pushSucceeded();
            return true;
        } finally {
            group.pushLock().unlock();
        }
    }

    /** Deletes the run's group from the Pushgateway and from memory; the run stays when the Pushgateway fails. */
    public void delete(RunGroup group) {
        group.pushLock().lock();
        try {
            pushgateway.delete(group.key());
            group.markRemoved();
            runs.remove(group);
        } catch (IOException e) {
            throw new PushgatewayUnavailableException("Pushgateway did not delete " + group.key() + ": " + e.getMessage(), e);
        } finally {
            group.pushLock().unlock();
        }
    }

    /** On shutdown, one last attempt to push whatever is not on the Pushgateway yet. */
    @PreDestroy
    void flush() {
        pusher.shutdownNow();
        runs.all().stream().filter(RunGroup::hasUnpushedUpdates).forEach(this::push);
    }
}
