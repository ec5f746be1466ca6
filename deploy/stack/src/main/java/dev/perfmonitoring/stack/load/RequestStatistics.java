package dev.perfmonitoring.stack.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The client's view of one request name over a whole run: calls, failures, dropped iterations of its scenario and
 * every latency in an HdrHistogram (microseconds, 3 significant digits: a percentile is within 0.1 % of the true
 * value), written by every VU thread without locking.
 */
final class RequestStatistics {

    private final String request;
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3);

    RequestStatistics(String request) {
        this.request = request;
    }

    void record(Outcome outcome) {
        latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, outcome.latencyNanos())));
        if (outcome.failed()) {
            failures.increment();
        }
    }

    void recordDropped(long iterations) {
        dropped.add(iterations);
    }

    RequestSummary summary() {
        Histogram latencies = latencyMicros.copy();
        long count = latencies.getTotalCount();
        return new RequestSummary(request, count, failures.sum(), dropped.sum(),
                millis(latencies, count, 50), millis(latencies, count, 95), millis(latencies, count, 99),
                count == 0 ? Double.NaN : latencies.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram latencies, long count, double percentile) {
        return count == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
    }
}
