package dev.perfmonitoring.stack.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The end-of-run table of what the load runner itself saw, per request name (next to the server's view). */
final class ClientLatencyTable {

    private static final String ROW = "%-22s %8s %8s %8s %9s %9s %9s %9s%n";

    private ClientLatencyTable() {
    }

    static void print(List<RequestSummary> requests, long dropped, PrintStream out) {
        out.println("client side (latency from sending to the complete response, as the load runner saw it)");
        out.printf(Locale.ROOT, ROW, "REQUEST", "CALLS", "FAILED", "DROPPED", "P50 ms", "P95 ms", "P99 ms", "MAX ms");
        long calls = 0;
        long failed = 0;
        for (RequestSummary request : requests) {
            out.printf(Locale.ROOT, ROW, request.request(), request.count(), request.failures(),
                    request.droppedIterations(), millis(request.p50Millis()), millis(request.p95Millis()),
                    millis(request.p99Millis()), millis(request.maxMillis()));
            calls += request.count();
            failed += request.failures();
        }
        out.printf(Locale.ROOT, ROW, "total", calls, failed, dropped, "", "", "", "");
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
