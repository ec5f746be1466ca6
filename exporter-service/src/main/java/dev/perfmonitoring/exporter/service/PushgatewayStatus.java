package dev.perfmonitoring.exporter.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this exporter knows about its Pushgateway: push outcomes and whether it answered lately. The Pushgateway
 * counts as reachable after a successful push or readiness probe and as unreachable after a failed probe, so a
 * push refused for its content does not make it look down.
 */
@ApplicationScoped
public class PushgatewayStatus {

    private final LongAdder pushesSucceeded = new LongAdder();
    private final LongAdder pushesFailed = new LongAdder();
    private final AtomicLong lastSuccessfulPushMillis = new AtomicLong();
    private volatile boolean reachable = true;

    void pushSucceeded() {
        pushesSucceeded.increment();
        lastSuccessfulPushMillis.set(System.currentTimeMillis());
        reachable = true;
    }

    void pushFailed() {
        pushesFailed.increment();
    }

    /** Records the outcome of a readiness probe ({@code GET /-/ready}). */
    public void probed(boolean answered) {
        reachable = answered;
    }

    /** True when the last probe or push reached the Pushgateway (and before the first of them). */
    public boolean reachable() {
        return reachable;
    }

    public long pushesSucceeded() {
        return pushesSucceeded.sum();
    }

    public long pushesFailed() {
        return pushesFailed.sum();
    }

    /** Epoch millis of the last successful push, 0 before the first. */
    public long lastSuccessfulPushMillis() {
        return lastSuccessfulPushMillis.get();
    }
}
