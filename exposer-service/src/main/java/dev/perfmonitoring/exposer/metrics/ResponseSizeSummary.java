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
 * Summary {@code sample_response_size_bytes{endpoint}}: log-normal response sizes; the quantiles are computed in the
 * process over the latest {@code window} responses per endpoint (nearest rank), _count and _sum over all of them.
 */
public final class ResponseSizeSummary {

    public static final String NAME = "sample_response_size_bytes";
    private static final String HELP = "Summary: response size with quantiles computed inside the process over the"
            + " latest responses per endpoint. Summary quantiles cannot be averaged or summed across series; a"
            + " histogram can.";
    private static final List<String> LABEL_NAMES = List.of("endpoint");
    private static final List<String> QUANTILE_LABEL_NAMES = List.of("endpoint", "quantile");

    private final List<String> endpoints;
    private final double[] quantiles;
    private final List<String> quantileLabels;
    private final double median;
    private final double spread;
    private final RandomGenerator random;
    /** Per endpoint, a ring of the latest sizes; {@code filled} of them are valid, {@code next} is written next. */
    private final double[][] latest;
    private final int[] filled;
    private final int[] next;
    private final long[] counts;
    private final double[] sums;

    public ResponseSizeSummary(ExposerConfig config, RandomGenerator random) {
        this.endpoints = LabelValues.numbered("endpoint", config.cardinality().labelValues());
        this.quantiles = config.responseSize().quantiles().stream().mapToDouble(Double::doubleValue).toArray();
        this.quantileLabels = Arrays.stream(quantiles).mapToObj(Collector::doubleToGoString).toList();
        this.median = config.responseSize().medianBytes();
        this.spread = config.responseSize().spread();
        this.random = random;
        this.latest = new double[endpoints.size()][config.responseSize().window()];
        this.filled = new int[endpoints.size()];
        this.next = new int[endpoints.size()];
        this.counts = new long[endpoints.size()];
        this.sums = new double[endpoints.size()];
    }

    /** Series one endpoint exposes: a line per quantile, _count and _sum. */
    static int seriesPerEndpoint(int quantiles) {
        return quantiles + 2;
    }

    /** Observes the response size of each of the given requests per endpoint, in whole bytes. */
    public void observe(long[] requests) {
        for (int endpoint = 0; endpoint < requests.length; endpoint++) {
            double[] ring = latest[endpoint];
            for (long request = 0; request < requests[endpoint]; request++) {
                double size = Math.max(1, Math.round(Distributions.logNormal(random, median, spread)));
                ring[next[endpoint]] = size;
                next[endpoint] = (next[endpoint] + 1) % ring.length;
                filled[endpoint] = Math.min(filled[endpoint] + 1, ring.length);
                counts[endpoint]++;
                sums[endpoint] += size;
            }
        }
    }

    /** Back to zero, as after a process restart: no responses, so the quantiles are NaN until the next one. */
    public void reset() {
        Arrays.fill(filled, 0);
        Arrays.fill(next, 0);
        Arrays.fill(counts, 0);
        Arrays.fill(sums, 0);
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(endpoints.size() * seriesPerEndpoint(quantiles.length));
        for (int endpoint = 0; endpoint < endpoints.size(); endpoint++) {
            String name = endpoints.get(endpoint);
            double[] sorted = Arrays.copyOf(latest[endpoint], filled[endpoint]);
            Arrays.sort(sorted);
            for (int quantile = 0; quantile < quantiles.length; quantile++) {
                samples.add(new Sample(NAME, QUANTILE_LABEL_NAMES, List.of(name, quantileLabels.get(quantile)),
                        nearestRank(sorted, quantiles[quantile])));
            }
            samples.add(new Sample(NAME + "_count", LABEL_NAMES, List.of(name), counts[endpoint]));
            samples.add(new Sample(NAME + "_sum", LABEL_NAMES, List.of(name), sums[endpoint]));
        }
        return new MetricFamilySamples(NAME, "bytes", Type.SUMMARY, HELP, List.copyOf(samples));
    }

    /** The smallest value with at least {@code quantile} of the values at or below it; NaN without values. */
    private static double nearestRank(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
