package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format the exporter receives (the real exporter is exercised by the one-machine stack test). */
class BatchReporterTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger updateTotalRefusals = new AtomicInteger();
    private HttpServer exporter;

    @BeforeEach
    void startRecordingExporter() throws IOException {
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body;
            boolean refuse = exchange.getRequestURI().getPath().equals("/updateTotal")
                    && updateTotalRefusals.getAndDecrement() > 0;
            if (!refuse) {
                received.add(call);
            }
            exchange.sendResponseHeaders(refuse ? 503 : 202, -1);
            exchange.close();
        });
        exporter.start();
    }

    @AfterEach
    void stopExporter() {
        exporter.stop(0);
    }

    @Test
    void reportsABatchLikeTheConcurrencyController() {
        BatchReporter reporter = reporter();

        reporter.report(new RunStatistics.Batch(10, 2, 12.5));
        reporter.finish(Duration.ofMillis(61_500));

        assertThat(received).containsExactly(
                "POST /addBatchWise?testid=t-1 {\"total\":10,\"failed\":2,\"success\":8}",
                "POST /updateAvgTime?testid=t-1 {\"time\":12.500}",
                "POST /updateTotal?testid=t-1 {\"totalReq\":10}",
                "POST /updateTime?testid=t-1 {\"time\":61.500}");
        assertThat(reporter.reportedTotal()).isEqualTo(10);
    }

    @Test
    void carriesARefusedTotalIntoTheNextReportSoNothingIsLost() {
        BatchReporter reporter = reporter();
        updateTotalRefusals.set(1);

        reporter.report(new RunStatistics.Batch(10, 0, 1));
        reporter.report(new RunStatistics.Batch(5, 0, 1));
        reporter.report(new RunStatistics.Batch(0, 0, 0));

        assertThat(received).filteredOn(call -> call.contains("/updateTotal"))
                .containsExactly("POST /updateTotal?testid=t-1 {\"totalReq\":15}");
        assertThat(reporter.reportedTotal()).isEqualTo(15);
        assertThat(reporter.failedReports()).isEqualTo(1);
    }

    @Test
    void skipsEmptyBatches() {
        reporter().report(new RunStatistics.Batch(0, 0, 0));

        assertThat(received).isEmpty();
    }

    private BatchReporter reporter() {
        URI url = URI.create("http://127.0.0.1:" + exporter.getAddress().getPort());
        return new BatchReporter(HttpClient.newHttpClient(), url, "t-1");
    }
}
