package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Histogram {@code sample_request_duration_seconds{endpoint}}: log-normal request durations (a long right tail),
 * counted into the configured buckets, which include the SLO thresholds so "share under 300 ms" is exact.
 */
public final class LatencyHistogram {

    public static final String NAME = "sample_request_duration_seconds";
    private static final String HELP = "Histogram: request duration with a long tail, counted in buckets that include"
            + " the SLO thresholds. Aggregate bucket rates with sum by (le) and compute quantiles with"
            + " histogram_quantile().";
    private static final List<String> LABEL_NAMES = List.of("endpoint");
    private static final List<String> BUCKET_LABEL_NAMES = List.of("endpoint", "le");

    private final List<String> endpoints;
    private final double[] upperBounds;
    private final List<String> bucketLabels;
    private final double median;
    private final double spread;
    private final RandomGenerator random;
    /** Per endpoint, requests per bucket (not cumulative); the last bucket is +Inf. */
    private final long[][] bucketCounts;
    private final double[] sums;

    public LatencyHistogram(ExposerConfig config, RandomGenerator random) {
        this.endpoints = LabelValues.numbered("endpoint", config.cardinality().labelValues());
        this.upperBounds = config.latency().buckets().stream().mapToDouble(Double::doubleValue).toArray();
        List<String> labels = new ArrayList<>();
        Arrays.stream(upperBounds).mapToObj(Collector::doubleToGoString).forEach(labels::add);
        labels.add(Collector.doubleToGoString(Double.POSITIVE_INFINITY));
        this.bucketLabels = List.copyOf(labels);
        this.median = config.latency().medianSeconds();
        this.spread = config.latency().spread();
        this.random = random;
        this.bucketCounts = new long[endpoints.size()][upperBounds.length + 1];
        this.sums = new double[endpoints.size()];
    }

    /** Series one endpoint exposes: a bucket per bound, +Inf, _count and _sum. */
    static int seriesPerEndpoint(int buckets) {
        return buckets + 3;
    }

    /** Observes the given requests per endpoint, each duration multiplied by {@code factor} (a latency spike). */
    public void observe(long[] requests, double factor) {
        for (int endpoint = 0; endpoint < requests.length; endpoint++) {
            for (long request = 0; request < requests[endpoint]; request++) {
                double duration = Distributions.logNormal(random, median, spread) * factor;
                bucketCounts[endpoint][bucketOf(duration)]++;
                sums[endpoint] += duration;
            }
        }
    }

    /** Back to zero, as after a process restart. */
    public void reset() {
        for (long[] counts : bucketCounts) {
            Arrays.fill(counts, 0);
        }
        Arrays.fill(sums, 0);
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(endpoints.size() * seriesPerEndpoint(upperBounds.length));
        for (int endpoint = 0; endpoint < endpoints.size(); endpoint++) {
            String name = endpoints.get(endpoint);
            long cumulative = 0;
            for (int bucket = 0; bucket < bucketLabels.size(); bucket++) {
                cumulative += bucketCounts[endpoint][bucket];
                samples.add(new Sample(NAME + "_bucket", BUCKET_LABEL_NAMES, List.of(name, bucketLabels.get(bucket)),
                        cumulative));
            }
            samples.add(new Sample(NAME + "_count", LABEL_NAMES, List.of(name), cumulative));
            samples.add(new Sample(NAME + "_sum", LABEL_NAMES, List.of(name), sums[endpoint]));
        }
        return new MetricFamilySamples(NAME, "seconds", Type.HISTOGRAM, HELP, List.copyOf(samples));
    }

    /** Index of the first bucket whose upper bound is at least {@code duration} (bounds are inclusive). */
    private int bucketOf(double duration) {
        int found = Arrays.binarySearch(upperBounds, duration);
        return found >= 0 ? found : -found - 1;
    }
}
