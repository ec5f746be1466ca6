package dev.perfmonitoring.exporter.service;

import static dev.perfmonitoring.exporter.service.InProcessExporter.pushedLines;
import static dev.perfmonitoring.exporter.service.TestSettings.pushingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.perfmonitoring.stack.process.PushgatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An exporter process that restarts mid-run (its memory gone, as after a rescheduled pod or an OOM kill) continues
 * each run from what the real Pushgateway holds: running sums and histograms add on, latest values stay until
 * overwritten, and a Pushgateway it cannot read delays the push instead of resetting the run. Each "process" is the
 * exporter's service objects built afresh in this JVM ({@link InProcessExporter}).
 */
class RunRecoveryTest {

    private static PushgatewayServer pushgateway;

    @BeforeAll
    static void startPushgateway() {
        pushgateway = PushgatewayServer.start();
    }

    @AfterAll
    static void stopPushgateway() {
        pushgateway.close();
    }

    @Test
    void aRestartedExporterContinuesTheRunsTotalsAndHistograms() {
        RunKey run = RunKey.of("restart-1");
        try (InProcessExporter first = new InProcessExporter(pushingTo(pushgateway.url()))) {
            for (int i = 0; i < 200; i++) {
                first.recorder.addOverallRequests(run, 1);
            }
            first.recorder.recordBatch(run, 200, 4, 196);
            for (double millis : new double[] {250, 250, 500, 2000}) {
                first.recorder.recordBatchAverageMillis(run, millis);
            }
            first.recorder.recordRunTimeSeconds(run, 42);
            first.awaitPushed(run);
        }
        assertThat(pushedLines(pushgateway, "restart-1"))
                .contains("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-1\"} 200");

        try (InProcessExporter second = new InProcessExporter(pushingTo(pushgateway.url()))) {
            for (int i = 0; i < 49; i++) {
                second.recorder.addOverallRequests(run, 1);
            }
            second.recorder.recordBatchAverageMillis(run, 125);
            second.awaitPushed(run);
            second.recorder.addOverallRequests(run, 1);
            second.recorder.recordRunTimeSeconds(run, 5400);
            second.awaitPushed(run);
        }

        List<String> expected = new ArrayList<>(histogram("Loadtests_avgtime_taken_by_batch", "restart-1", "3.125",
                "0.001=0", "0.0025=0", "0.005=0", "0.01=0", "0.025=0", "0.05=0", "0.1=0", "0.2=1", "0.3=3", "0.5=4",
                "1=4", "2.5=5", "5=5", "10=5", "30=5", "+Inf=5"));
        expected.addAll(histogram("Loadtests_test_run_time", "restart-1", "5442", "1=0", "5=0", "10=0", "30=0", "60=1",
                "120=1", "300=1", "600=1", "900=1", "1800=1", "3600=1", "7200=2", "14400=2", "28800=2", "+Inf=2"));
        expected.addAll(List.of(
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-1\"} 4",
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-1\"} 250",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-1\"} 200",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-1\"} 196"));
        assertThat(pushedLines(pushgateway, "restart-1")).containsExactlyElementsOf(expected);
    }

    @Test
    void latestValuesKeepWhatWasPushedUntilTheLoadToolSendsNewOnes() {
        RunKey run = RunKey.of("restart-2");
        try (InProcessExporter first = new InProcessExporter(pushingTo(pushgateway.url()))) {
            first.recorder.recordControllerState(run, 100, 5, 0.125, 50);
            first.awaitPushed(run);
        }

        try (InProcessExporter second = new InProcessExporter(pushingTo(pushgateway.url()))) {
            second.recorder.addOverallRequests(run, 10);
            second.awaitPushed(run);
            assertThat(pushedLines(pushgateway, "restart-2")).containsExactly(
                    "Loadtests_avg_latency_achieved{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 0.125",
                    "Loadtests_current_rps{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 50",
                    "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 5",
                    "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 10",
                    "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 100",
                    "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 95");

            second.recorder.recordControllerState(run, 160, 6, 0.25, 60);
            second.awaitPushed(run);
        }

        assertThat(pushedLines(pushgateway, "restart-2")).containsExactly(
                "Loadtests_avg_latency_achieved{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 0.25",
                "Loadtests_current_rps{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 60",
                "Loadtests_total_failed_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 6",
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 10",
                "Loadtests_total_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 160",
                "Loadtests_total_successful_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-2\"} 154");
    }

    @Test
    void aPushgatewayThatCannotBeReadDelaysTheFirstPushInsteadOfResettingTheRun() {
        RunKey run = RunKey.of("restart-3");
        try (InProcessExporter first = new InProcessExporter(pushingTo(pushgateway.url()))) {
            first.recorder.addOverallRequests(run, 200);
            first.recorder.recordRunTimeSeconds(run, 42);
            first.awaitPushed(run);
        }

        try (TcpRelay network = new TcpRelay(pushgateway.port());
                InProcessExporter second = new InProcessExporter(pushingTo(network.url()))) {
            network.cut();
            second.recorder.addOverallRequests(run, 50);
            second.recorder.recordRunTimeSeconds(run, 5400);

            await().atMost(Duration.ofSeconds(30)).until(() -> second.status.pushesFailed() >= 3);
            assertThat(second.group(run).hasUnpushedUpdates()).isTrue();
            assertThat(second.group(run).awaitsPushgatewayState()).isTrue();
            assertThat(second.status.pushesSucceeded()).isZero();
            assertThat(pushedLines(pushgateway, "restart-3")).as("the run on the Pushgateway is untouched").contains(
                    "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-3\"} 200",
                    "Loadtests_test_run_time_count{instance=\"\",job=\"loadtest\",testid=\"restart-3\"} 1");

            network.restore();
            second.awaitPushed(run);
        }

        assertThat(pushedLines(pushgateway, "restart-3")).contains(
                "Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\",testid=\"restart-3\"} 250",
                "Loadtests_test_run_time_bucket{instance=\"\",job=\"loadtest\",testid=\"restart-3\",le=\"60\"} 1",
                "Loadtests_test_run_time_bucket{instance=\"\",job=\"loadtest\",testid=\"restart-3\",le=\"7200\"} 2",
                "Loadtests_test_run_time_sum{instance=\"\",job=\"loadtest\",testid=\"restart-3\"} 5442",
                "Loadtests_test_run_time_count{instance=\"\",job=\"loadtest\",testid=\"restart-3\"} 2");
    }

    @Test
    void aHistogramPushedWithOtherBucketsContinuesWithoutCountingAnObservationBelowItsBound() throws Exception {
        putOnPushgateway("restart-4", """
                # TYPE Loadtests_test_run_time histogram
                Loadtests_test_run_time_bucket{le="100"} 1
                Loadtests_test_run_time_bucket{le="1000"} 3
                Loadtests_test_run_time_bucket{le="+Inf"} 4
                Loadtests_test_run_time_sum 5000
                Loadtests_test_run_time_count 4
                """);
        RunKey run = RunKey.of("restart-4");

        try (InProcessExporter restarted = new InProcessExporter(pushingTo(pushgateway.url()))) {
            restarted.recorder.recordRunTimeSeconds(run, 42);
            restarted.awaitPushed(run);
        }

        assertThat(pushedLines(pushgateway, "restart-4")).containsExactlyElementsOf(histogram("Loadtests_test_run_time",
                "restart-4", "5042", "1=0", "5=0", "10=0", "30=0", "60=1", "120=2", "300=2", "600=2", "900=2", "1800=4",
                "3600=4", "7200=4", "14400=4", "28800=4", "+Inf=5"));
    }

    @Test
    void theJobOnlyGroupContinuesToo() {
        try (InProcessExporter first = new InProcessExporter(pushingTo(pushgateway.url()))) {
            first.recorder.addOverallRequests(RunKey.JOB_ONLY, 3);
            first.awaitPushed(RunKey.JOB_ONLY);
        }
        try (InProcessExporter second = new InProcessExporter(pushingTo(pushgateway.url()))) {
            second.recorder.addOverallRequests(RunKey.JOB_ONLY, 2);
            second.awaitPushed(RunKey.JOB_ONLY);
        }

        assertThat(pushedLines(pushgateway, null))
                .containsExactly("Loadtests_total_overall_requests_made{instance=\"\",job=\"loadtest\"} 5");
    }

    /** Replaces a run's group on the Pushgateway with a text exposition, as another client would push it. */
    private static void putOnPushgateway(String testid, String exposition) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(pushgateway.url() + "/metrics/job/loadtest/testid/" + testid))
                .PUT(HttpRequest.BodyPublishers.ofString(exposition))
                .build();
        assertThat(HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** The Pushgateway's lines of a classic histogram: buckets given as {@code le=count}, then sum and count. */
    static List<String> histogram(String name, String testid, String sum, String... buckets) {
        String labels = "instance=\"\",job=\"loadtest\",testid=\"" + testid + "\"";
        String count = buckets[buckets.length - 1].split("=")[1];
        List<String> lines = new ArrayList<>(Arrays.stream(buckets).map(bucket -> {
            String[] leAndCount = bucket.split("=");
            return name + "_bucket{" + labels + ",le=\"" + leAndCount[0] + "\"} " + leAndCount[1];
        }).toList());
        lines.add(name + "_sum{" + labels + "} " + sum);
        lines.add(name + "_count{" + labels + "} " + count);
        return lines;
    }
}
