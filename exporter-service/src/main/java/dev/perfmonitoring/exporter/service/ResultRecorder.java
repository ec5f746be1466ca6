package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.config.PushMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/** Applies the load tool's results to their run's metrics and gets them pushed according to the push mode. */
@ApplicationScoped
public class ResultRecorder {

    private final RunStore runs;
    private final PushScheduler scheduler;
    private final PushMode mode;

    public ResultRecorder(RunStore runs, PushScheduler scheduler, ExporterConfig config) {
        this.runs = runs;
        this.scheduler = scheduler;
        this.mode = config.pushMode();
    }

    /** True in sync mode: recording pushes in the caller's thread, which must therefore be allowed to block. */
    public boolean pushesInRequest() {
        return mode == PushMode.SYNC;
    }

    /** POST /addBatchWise. */
    public boolean recordBatch(RunKey key, double total, double failed, double success) {
        return record(key, run -> run.setBatch(total, failed, success));
    }

    /** POST /updateTotal. */
    public boolean addOverallRequests(RunKey key, double requests) {
        return record(key, run -> run.addOverallRequests(requests));
    }

    /** POST /updateAvgTime: the original controller sends milliseconds. */
    public boolean recordBatchAverageMillis(RunKey key, double millis) {
        return record(key, run -> run.observeBatchAverageTime(millis / 1000.0));
    }

    /** POST /updateTime: the original controller sends seconds. */
    public boolean recordRunTimeSeconds(RunKey key, double seconds) {
        return record(key, run -> run.observeRunTime(seconds));
    }

    /** POST /pushMetrics: latency in seconds, as the controller sends it. */
    public boolean recordControllerState(RunKey key, double total, double failed, double latencySeconds, double rps) {
        return record(key, run -> run.setControllerState(total, failed, latencySeconds, rps));
    }

    /** @return true when the update is already on the Pushgateway (sync mode), false when it will be pushed */
    private boolean record(RunKey key, Consumer<RunMetrics> change) {
        AcceptedUpdate update = runs.record(key, change);
        if (mode == PushMode.SYNC && scheduler.pushCovering(update)) {
            return true;
        }
        scheduler.schedule(update.group());
        return false;
    }
}
