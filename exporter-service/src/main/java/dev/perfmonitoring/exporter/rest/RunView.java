package dev.perfmonitoring.exporter.rest;

import dev.perfmonitoring.exporter.service.RunGroup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One run in {@code GET /runs}.
 *
 * @param testid       the run id (the group's {@code testid} label)
 * @param updates      updates accepted for this run
 * @param pushes       successful pushes of this run's group
 * @param pending      true while accepted updates are not yet on the Pushgateway
 * @param lastPushedAt time of the last successful push, null before the first
 */
@RegisterForReflection
public record RunView(String testid, long updates, long pushes, boolean pending, Instant lastPushedAt) {

    static RunView of(RunGroup group) {
        long lastPush = group.lastSuccessfulPushMillis();
        return new RunView(group.key().testid(), group.acceptedUpdates(), group.successfulPushes(),
                group.hasUnpushedUpdates(), lastPush == 0 ? null : Instant.ofEpochMilli(lastPush));
    }
}
