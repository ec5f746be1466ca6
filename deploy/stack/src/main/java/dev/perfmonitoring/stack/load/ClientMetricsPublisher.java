package dev.perfmonitoring.stack.load;

import dev.perfmonitoring.stack.remotewrite.RemoteWriteClient;
import dev.perfmonitoring.stack.remotewrite.RemoteWriteException;
import dev.perfmonitoring.stack.remotewrite.TimeSeries;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes the runner's {@link ClientMetrics} to Prometheus by remote write, as k6's output pushes its own: every push
 * interval (k6's default, 5 s) the series updated since the last push; at the end a last push and a stale marker for
 * every series ({@code K6_PROMETHEUS_RW_STALE_MARKERS=true}). A failed push is counted and reported at the end, it does
 * not stop the run; the next push carries the newer values (they are cumulative), as with k6.
 */
final class ClientMetricsPublisher {

    private final ClientMetrics metrics;
    private final RemoteWriteClient client;
    private final PrintStream out;
    private final AtomicLong pushes = new AtomicLong();
    private final AtomicLong failedPushes = new AtomicLong();
    private volatile String lastFailure = "";

    ClientMetricsPublisher(ClientMetrics metrics, RemoteWriteClient client, PrintStream out) {
        this.metrics = metrics;
        this.client = client;
        this.out = out;
    }

    /** Pushes the series updated since the last push (nothing when none was). */
    void push() {
        metrics.sampleVus();
        send(metrics.takeUpdated());
    }

    /** The last push and the stale markers; prints a line saying what was pushed. */
    void finish() {
        push();
        send(metrics.staleMarkers());
        out.printf("load-runner: client-side metrics pushed to %s (%d requests, %d failed)%s%n", client.url(),
                pushes.get(), failedPushes.get(), failedPushes.get() == 0 ? "" : ", last failure: " + lastFailure);
    }

    long failedPushes() {
        return failedPushes.get();
    }

    private synchronized void send(List<TimeSeries> series) {
        if (series.isEmpty()) {
            return;
        }
        pushes.incrementAndGet();
        try {
            client.store(series);
        } catch (RemoteWriteException e) {
            failedPushes.incrementAndGet();
            lastFailure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failedPushes.incrementAndGet();
            lastFailure = "interrupted";
        }
    }
}
