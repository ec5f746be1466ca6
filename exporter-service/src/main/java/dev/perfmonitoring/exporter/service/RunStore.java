package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** The groups this exporter holds in memory: the job-only group plus at most {@code EXPORTER_MAX_RUNS} runs. */
@ApplicationScoped
public class RunStore {

    private final ConcurrentMap<RunKey, RunGroup> groups = new ConcurrentHashMap<>();
    private final LongAdder acceptedUpdates = new LongAdder();
    private final int maxRuns;

    public RunStore(ExporterConfig config) {
        this.maxRuns = config.maxRuns();
    }

    /**
     * Applies one update to the run's group, never losing it: should a concurrent DELETE remove the group first, the
     * update goes to the run's new group.
     *
     * @return the group that holds the update and the update's sequence number in it
     */
    public AcceptedUpdate record(RunKey key, Consumer<RunMetrics> change) {
        RunGroup group = groupFor(key);
        long sequence = group.accept(change);
        while (sequence == 0) {
            group = groupFor(key);
            sequence = group.accept(change);
        }
        acceptedUpdates.increment();
        return new AcceptedUpdate(group, sequence);
    }

    /** Updates accepted since start, over every group (deleted ones included). */
    public long acceptedUpdates() {
        return acceptedUpdates.sum();
    }

    /** The group for {@code key}, created on first use; {@link TooManyRunsException} when a new run exceeds the limit. */
    RunGroup groupFor(RunKey key) {
        RunGroup existing = groups.get(key);
        return existing != null ? existing : create(key);
    }

    private synchronized RunGroup create(RunKey key) {
        RunGroup existing = groups.get(key);
        if (existing != null) {
            return existing;
        }
        if (key.isRun() && runCount() >= maxRuns) {
            throw new TooManyRunsException(maxRuns);
        }
        RunGroup group = new RunGroup(key);
        groups.put(key, group);
        return group;
    }

    public Optional<RunGroup> find(RunKey key) {
        return Optional.ofNullable(groups.get(key));
    }

    /** Forgets a deleted group (only that instance: a run re-created meanwhile stays). */
    void remove(RunGroup group) {
        groups.remove(group.key(), group);
    }

    public Collection<RunGroup> all() {
        return groups.values();
    }

    /** The named runs, ordered by run id. */
    public List<RunGroup> runs() {
        return groups.values().stream()
                .filter(group -> group.key().isRun())
                .sorted((a, b) -> a.key().testid().compareTo(b.key().testid()))
                .toList();
    }

    /** Age of the oldest accepted update not yet on the Pushgateway, over all groups; zero when everything is pushed. */
    public Duration unpushedDataAge() {
        long now = System.currentTimeMillis();
        return Duration.ofMillis(groups.values().stream()
                .mapToLong(RunGroup::oldestUnpushedUpdateMillis)
                .filter(millis -> millis > 0)
                .map(millis -> Math.max(0, now - millis))
                .max()
                .orElse(0));
    }

    /** Groups whose last push attempt failed. */
    public long failingGroups() {
        return groups.values().stream().filter(RunGroup::lastPushFailed).count();
    }

    /** Groups that have not yet read the Pushgateway's copy of their run, so have not been pushed by this process. */
    public long groupsAwaitingPushgatewayState() {
        return groups.values().stream().filter(RunGroup::awaitsPushgatewayState).count();
    }

    public int maxRuns() {
        return maxRuns;
    }

    public int runCount() {
        return (int) groups.keySet().stream().filter(RunKey::isRun).count();
    }
}
