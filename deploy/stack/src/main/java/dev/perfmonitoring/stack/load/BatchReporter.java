package dev.perfmonitoring.stack.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Reports batches to the exporter-service the way the original concurrency controller did: after each batch
 * {@code POST /addBatchWise {total, failed, success}}, {@code POST /updateAvgTime {time}} (the batch's mean latency in
 * milliseconds) and {@code POST /updateTotal {totalReq}}; at the end {@code POST /updateTime {time}} (the run's length
 * in seconds). Every call carries the run id as {@code ?testid=}. A total the exporter did not accept is carried
 * into the next report, so an exporter outage delays the overall total but does not lose it.
 */
final class BatchReporter {

    private final HttpClient http;
    private final URI exporterUrl;
    private final String testid;
    private long unreportedTotal;
    private long reportedTotal;
    private long failedReports;

    BatchReporter(HttpClient http, URI exporterUrl, String testid) {
        this.http = http;
        this.exporterUrl = exporterUrl;
        this.testid = testid;
    }

    /** Reports one batch; an empty batch is not reported. */
    synchronized void report(RunStatistics.Batch batch) {
        if (batch.total() == 0 && unreportedTotal == 0) {
            return;
        }
        if (batch.total() > 0) {
            post("/addBatchWise", "{\"total\":" + batch.total() + ",\"failed\":" + batch.failed() + ",\"success\":"
                    + batch.success() + "}");
            post("/updateAvgTime", "{\"time\":" + String.format(Locale.ROOT, "%.3f", batch.avgMillis()) + "}");
        }
        long total = unreportedTotal + batch.total();
        if (post("/updateTotal", "{\"totalReq\":" + total + "}")) {
            reportedTotal += total;
            unreportedTotal = 0;
        } else {
            unreportedTotal = total;
        }
    }

    /** Reports the run's length in seconds. */
    synchronized void finish(Duration runTime) {
        post("/updateTime", "{\"time\":" + String.format(Locale.ROOT, "%.3f", runTime.toMillis() / 1000.0) + "}");
    }

    /** Requests the exporter has accepted into its overall total. */
    synchronized long reportedTotal() {
        return reportedTotal;
    }

    synchronized long failedReports() {
        return failedReports;
    }

    private boolean post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(exporterUrl + path + "?testid=" + testid))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            System.err.println("load-runner: exporter answered " + status + " to POST " + path);
        } catch (IOException e) {
            System.err.println("load-runner: exporter unreachable for POST " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failedReports++;
        return false;
    }
}
