package dev.perfmonitoring.exporter.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What this exporter knows about its Pushgateway: the outcomes of its pushes. */
@ApplicationScoped
public class PushgatewayStatus {

    private final LongAdder pushesSucceeded = new LongAdder();
    private final LongAdder pushesFailed = new LongAdder();
    private final AtomicLong lastSuccessfulPushMillis = new AtomicLong();

    void pushSucceeded() {
        pushesSucceeded.increment();
        lastSuccessfulPushMillis.set(System.currentTimeMillis());
    }

    void pushFailed() {
        pushesFailed.increment();
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
