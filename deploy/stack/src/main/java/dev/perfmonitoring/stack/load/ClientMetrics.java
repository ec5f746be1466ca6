package dev.perfmonitoring.stack.load;

import dev.perfmonitoring.stack.remotewrite.NativeHistogram;
import dev.perfmonitoring.stack.remotewrite.Sample;
import dev.perfmonitoring.stack.remotewrite.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The runner's client-side view in the shape k6's Prometheus remote-write output gives its own (k6
 * {@code internal/output/prometheusrw/remotewrite}), so the load-generator dashboard reads both alike: the metric
 * names ({@code k6_} + k6's name, {@code _total} for counters, {@code _rate} for rates, {@code _seconds} for time
 * trends sent as native histograms), one series per tag set with k6's tags ({@code scenario}, {@code name},
 * {@code url} (the name, as k6 sets it when a request is named), {@code method}, {@code status},
 * {@code expected_response}, {@code proto}, {@code error_code}; {@code vus} and {@code vus_max} with the run's tags
 * only), cumulative values since the run began, and k6's flush rule: a series is sent only when it got new samples since
 * the last push, at its newest sample's time. Every series carries {@code testid} and
 * {@code runner="perf-stack"}, so nobody takes it for k6 (k6's own series have no {@code runner} label).
 *
 * <p>Not sent, because the runner does not measure them: the other {@code http_req_*} phases, {@code data_sent} and
 * {@code data_received}, {@code iteration_duration}, and {@code checks} (the runner's iterations check nothing but the
 * status, which {@code expected_response} already says).
 */
final class ClientMetrics {

    /** The label that tells the runner's series from k6's. */
    static final String RUNNER_LABEL = "runner";
    /** Its value. */
    static final String RUNNER = "perf-stack";

    private final Map<String, String> runTags;
    private final LongSupplier clockMillis;
    private final long maxVus;
    private final AtomicLong activeVus = new AtomicLong();
    private final Map<SortedMap<String, String>, Series> series = new ConcurrentHashMap<>();

    /** Metrics of a run with this testid whose scenarios hold {@code maxVus} VUs in all, timed by the wall clock. */
    ClientMetrics(String testid, long maxVus) {
        this(testid, maxVus, System::currentTimeMillis);
    }

    ClientMetrics(String testid, long maxVus, LongSupplier clockMillis) {
        this.runTags = Map.of("testid", testid, RUNNER_LABEL, RUNNER);
        this.maxVus = maxVus;
        this.clockMillis = clockMillis;
    }

    /** One request of a scenario ended: {@code http_reqs}, {@code http_req_duration}, {@code http_req_failed}. */
    void request(String scenario, String requestName, Outcome outcome) {
        long now = clockMillis.getAsLong();
        SortedMap<String, String> tags = new TreeMap<>(runTags);
        tags.put("scenario", scenario);
        tags.put("name", requestName);
        tags.put("url", requestName);
        tags.put("method", requestName.substring(0, requestName.indexOf(' ')));
        tags.put("status", Integer.toString(outcome.status()));
        tags.put("expected_response", Boolean.toString(!outcome.failed()));
        if (outcome.status() == 0) {
            tags.put("error_code", "1000");
        } else {
            tags.put("proto", "HTTP/1.1");
            if (outcome.status() >= 400) {
                tags.put("error_code", Integer.toString(1000 + outcome.status()));
            }
        }
        ((Counter) series("k6_http_reqs_total", tags, Counter::new)).add(now, 1);
        double seconds = outcome.latencyNanos() / (double) TimeUnit.SECONDS.toNanos(1);
        ((Histogram) series("k6_http_req_duration_seconds", tags, Histogram::new)).observe(now, Math.max(0, seconds));
        ((Rate) series("k6_http_req_failed_rate", tags, Rate::new)).add(now, outcome.failed());
    }

    /** An iteration of a scenario ended ({@code iterations}). */
    void iteration(String scenario) {
        ((Counter) series("k6_iterations_total", scenarioTags(scenario), Counter::new)).add(clockMillis.getAsLong(), 1);
    }

    /** Iterations of a scenario that could not start ({@code dropped_iterations}). */
    void dropped(String scenario, long iterations) {
        ((Counter) series("k6_dropped_iterations_total", scenarioTags(scenario), Counter::new))
                .add(clockMillis.getAsLong(), iterations);
    }

    /** A scenario started with this many VUs. */
    void vusStarted(long vus) {
        activeVus.addAndGet(vus);
    }

    /** A scenario ended and its VUs with it. */
    void vusStopped(long vus) {
        activeVus.addAndGet(-vus);
    }

    /**
     * Samples the VUs now running scenarios ({@code vus}) and the VUs the whole plan holds ({@code vus_max}); k6
     * samples both every second, the runner before each push.
     */
    void sampleVus() {
        long now = clockMillis.getAsLong();
        SortedMap<String, String> tags = new TreeMap<>(runTags);
        ((Gauge) series("k6_vus", tags, Gauge::new)).set(now, activeVus.get());
        ((Gauge) series("k6_vus_max", tags, Gauge::new)).set(now, maxVus);
    }

    /** The series that got a newer sample since the last call (k6 sends only those), each at its newest sample. */
    List<TimeSeries> takeUpdated() {
        List<TimeSeries> updated = new ArrayList<>();
        series.values().forEach(one -> one.takeIfUpdated().ifPresent(updated::add));
        return updated;
    }

    /**
     * A stale marker for every series, 1 ms after now (as k6's {@code Output.staleMarkers}), so a finished run ends
     * in Prometheus at once instead of lingering for the 5-minute lookback.
     */
    List<TimeSeries> staleMarkers() {
        long at = clockMillis.getAsLong() + 1;
        return series.values().stream().map(one -> one.staleMarker(at)).toList();
    }

    private SortedMap<String, String> scenarioTags(String scenario) {
        SortedMap<String, String> tags = new TreeMap<>(runTags);
        tags.put("scenario", scenario);
        return tags;
    }

    private Series series(String metric, SortedMap<String, String> tags, Function<SortedMap<String, String>, Series> kind) {
        SortedMap<String, String> labels = new TreeMap<>(tags);
        labels.put("__name__", metric);
        return series.computeIfAbsent(labels, kind);
    }

    /** One series: its value so far, the time of its newest sample and whether it changed since the last push. */
    private abstract static class Series {
        final SortedMap<String, String> labels;
        private long latestMillis = Long.MIN_VALUE;
        private long pushedMillis = Long.MIN_VALUE;
        private boolean updated;

        Series(SortedMap<String, String> labels) {
            this.labels = labels;
        }

        final void sampled(long millis) {
            latestMillis = Math.max(latestMillis, millis);
            updated = true;
        }

        /**
         * The series at its newest sample's time when it changed since the last push. k6 sends a series only when
         * a sample newer than the last sent one arrived, and keeps a change of the same millisecond for later; the
         * runner sends such a change 1 ms after the last push instead, so a run's last values are never held back
         * (Prometheus refuses a second value at the same timestamp).
         */
        final synchronized Optional<TimeSeries> takeIfUpdated() {
            if (!updated) {
                return Optional.empty();
            }
            updated = false;
            pushedMillis = pushedMillis == Long.MIN_VALUE ? latestMillis : Math.max(latestMillis, pushedMillis + 1);
            return Optional.of(toTimeSeries(pushedMillis));
        }

        /** A stale marker at {@code millis}, or just after the last push should that be later. */
        final synchronized TimeSeries staleMarker(long millis) {
            return TimeSeries.of(labels, Sample.staleMarker(Math.max(millis, pushedMillis + 1)));
        }

        abstract TimeSeries toTimeSeries(long millis);
    }

    private static final class Counter extends Series {
        private double value;

        Counter(SortedMap<String, String> labels) {
            super(labels);
        }

        synchronized void add(long millis, double increment) {
            value += increment;
            sampled(millis);
        }

        @Override
        TimeSeries toTimeSeries(long millis) {
            return TimeSeries.of(labels, new Sample(value, millis));
        }
    }

    private static final class Gauge extends Series {
        private double value;

        Gauge(SortedMap<String, String> labels) {
            super(labels);
        }

        synchronized void set(long millis, double newValue) {
            value = newValue;
            sampled(millis);
        }

        @Override
        TimeSeries toTimeSeries(long millis) {
            return TimeSeries.of(labels, new Sample(value, millis));
        }
    }

    /** k6's Rate: the share of true samples so far ({@code RateSink}: trues / total). */
    private static final class Rate extends Series {
        private long trues;
        private long total;

        Rate(SortedMap<String, String> labels) {
            super(labels);
        }

        synchronized void add(long millis, boolean value) {
            total++;
            if (value) {
                trues++;
            }
            sampled(millis);
        }

        @Override
        TimeSeries toTimeSeries(long millis) {
            return TimeSeries.of(labels, new Sample((double) trues / total, millis));
        }
    }

    private static final class Histogram extends Series {
        private final NativeHistogram histogram = new NativeHistogram();

        Histogram(SortedMap<String, String> labels) {
            super(labels);
        }

        synchronized void observe(long millis, double seconds) {
            histogram.observe(seconds);
            sampled(millis);
        }

        @Override
        TimeSeries toTimeSeries(long millis) {
            return TimeSeries.of(labels, histogram.snapshot(millis));
        }
    }
}
