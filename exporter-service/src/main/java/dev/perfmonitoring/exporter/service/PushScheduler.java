package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.service.RunGroup.PushOutcome;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Decides when groups are pushed; {@link RunGroup} does the pushing. In coalesced mode a single background thread
 * pushes a group at most once per interval however many updates arrive; while the Pushgateway fails it keeps the
 * state and retries with a doubling backoff, then pushes the latest state when the Pushgateway is back. A second
 * thread probes the Pushgateway's readiness every probe interval. On shutdown every group with unpushed updates is
 * pushed once more.
 */
@Startup
@ApplicationScoped
public class PushScheduler {

    private final PushgatewayClient pushgateway;
    private final RunStore runs;
    private final PushgatewayStatus status;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration probeInterval;
    private final ScheduledExecutorService pusher = daemonThread("pushgateway-pusher");
    private final ScheduledExecutorService prober = daemonThread("pushgateway-probe");

    public PushScheduler(PushgatewayClient pushgateway, RunStore runs, PushgatewayStatus status, ExporterConfig config) {
        this.pushgateway = pushgateway;
        this.runs = runs;
        this.status = status;
        this.interval = config.pushInterval();
        this.maxBackoff = config.pushMaxBackoff();
        this.probeInterval = config.probeInterval();
    }

    @PostConstruct
    void startProbing() {
        prober.scheduleWithFixedDelay(() -> status.probed(pushgateway.isReady()), 0, probeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
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
     * Pushes the group's latest state now, in the caller's thread.
     *
     * @return true when the state, with every update accepted before the call, is on the Pushgateway (or the group
     *         was deleted)
     */
    public boolean push(RunGroup group) {
        return recorded(group.pushTo(pushgateway));
    }

    /**
     * Sync mode: returns once the update is on the Pushgateway, sharing pushes with the other writers of its group (a
     * push in flight that started before the update was accepted does not count; the next one carries it).
     *
     * @return true when the update is on the Pushgateway (or its group was deleted), false when the push that carried
     *         it failed
     */
    public boolean pushCovering(AcceptedUpdate update) {
        return recorded(update.group().pushCovering(pushgateway, update.sequence()));
    }

    private boolean recorded(PushOutcome outcome) {
        switch (outcome) {
            case PUSHED -> status.pushSucceeded();
            case FAILED -> status.pushFailed();
            case GROUP_DELETED -> {
                // nothing to record
            }
        }
        return outcome != PushOutcome.FAILED;
    }

    /**
     * Deletes a run's group from the Pushgateway: the group this exporter holds (then forgotten), or else one the
     * Pushgateway holds from an earlier exporter process.
     *
     * @throws UnknownRunException             when neither holds the run
     * @throws PushgatewayUnavailableException when the Pushgateway does not answer (a held run is kept)
     */
    public void delete(RunKey key) {
        Optional<RunGroup> held = runs.find(key);
        try {
            if (held.isPresent()) {
                held.get().deleteFrom(pushgateway);
                runs.remove(held.get());
            } else if (pushgateway.read(key).isPresent()) {
                pushgateway.delete(key);
            } else {
                throw new UnknownRunException(key);
            }
        } catch (IOException e) {
            throw new PushgatewayUnavailableException("Pushgateway did not delete " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * On shutdown (after the HTTP server has stopped taking requests), pushes every group with unpushed updates. If a
     * push fails and the Pushgateway does not answer, the rest is given up at once instead of waiting for a timeout
     * per group.
     */
    @PreDestroy
    void flush() {
        prober.shutdownNow();
        pusher.shutdownNow();
        List<RunGroup> unpushed = runs.all().stream().filter(RunGroup::hasUnpushedUpdates).toList();
        int done = 0;
        for (RunGroup group : unpushed) {
            if (!push(group) && !pushgateway.isReady()) {
                Log.errorf("Shutting down with the Pushgateway at %s unreachable: the unpushed updates of %d of %d "
                        + "groups are lost", pushgateway.url(), unpushed.size() - done, unpushed.size());
                return;
            }
            done++;
        }
        if (!unpushed.isEmpty()) {
            Log.infof("Pushed the last updates of %d groups before shutting down", unpushed.size());
        }
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
