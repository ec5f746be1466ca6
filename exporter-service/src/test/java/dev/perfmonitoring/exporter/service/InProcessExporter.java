package dev.perfmonitoring.exporter.service;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import java.time.Duration;
import java.util.List;

/**
 * The exporter's service objects wired by hand, without Quarkus: one "exporter process" whose memory a test can throw
 * away and start afresh, pushing to a real Pushgateway.
 */
final class InProcessExporter implements AutoCloseable {

    final RunStore runs;
    final PushgatewayStatus status = new PushgatewayStatus();
    final PushScheduler scheduler;
    final ResultRecorder recorder;

    InProcessExporter(ExporterConfig settings) {
        runs = new RunStore(settings);
        scheduler = new PushScheduler(new PushgatewayClient(settings, new ObjectMapper()), runs, status, settings);
        recorder = new ResultRecorder(runs, scheduler, settings);
    }

    RunGroup group(RunKey key) {
        return runs.find(key).orElseThrow(() -> new AssertionError("no group " + key));
    }

    /** Waits (bounded poll) until every update accepted for the run is on the Pushgateway. */
    void awaitPushed(RunKey key) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !group(key).hasUnpushedUpdates());
    }

    /** Stops like the real shutdown: one last push of anything unpushed, then the threads end. */
    @Override
    public void close() {
        scheduler.flush();
    }

    /** Every pushed {@code Loadtests_*} sample line of a run's group ({@code null}: the job-only group). */
    static List<String> pushedLines(PushgatewayServer pushgateway, String testid) {
        String group = testid == null ? "{instance=\"\",job=\"loadtest\"" : "testid=\"" + testid + "\"";
        return pushgateway.metrics().lines()
                .filter(line -> line.startsWith("Loadtests_") && line.contains(group)
                        && (testid != null || !line.contains("testid=")))
                .toList();
    }
}
