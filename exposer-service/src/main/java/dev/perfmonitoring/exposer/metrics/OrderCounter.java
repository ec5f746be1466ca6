package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** Counter {@code sample_orders_processed_total{shop,status}}: orders arrive as a Poisson process per shop. */
public final class OrderCounter {

    public static final String NAME = "sample_orders_processed";
    static final List<String> STATUSES = List.of("completed", "failed", "cancelled");
    private static final String HELP = "Counter: orders processed per shop and outcome. A counter only goes up (and"
            + " restarts at 0 when the process restarts): read it with rate() or increase(), never raw.";
    private static final List<String> LABEL_NAMES = List.of("shop", "status");
    private static final int FAILED = 1;

    private final List<String> shops;
    private final double ratePerSecond;
    private final double[] statusShares;
    private final RandomGenerator random;
    private final long[][] counts;

    public OrderCounter(ExposerConfig config, RandomGenerator random) {
        this.shops = LabelValues.numbered("shop", config.cardinality().labelValues());
        this.ratePerSecond = config.orders().ratePerSecond();
        double failed = config.orders().failureRatio();
        double cancelled = config.orders().cancelRatio();
        this.statusShares = new double[] {1 - failed - cancelled, failed, cancelled};
        this.random = random;
        this.counts = new long[shops.size()][STATUSES.size()];
    }

    /** Orders of {@code seconds} of simulated time; each outcome is its own Poisson process (a split Poisson). */
    public void advance(double seconds) {
        for (long[] shop : counts) {
            for (int status = 0; status < statusShares.length; status++) {
                shop[status] += Distributions.poisson(random, ratePerSecond * seconds * statusShares[status]);
            }
        }
    }

    /** {@code orders} processed at once, spread evenly over the shops, each outcome drawn with the usual shares. */
    public void burst(int orders) {
        for (int order = 0; order < orders; order++) {
            counts[order % shops.size()][drawStatus()]++;
        }
    }

    /** {@code orders} failed orders at once, spread evenly over the shops. */
    public void failures(int orders) {
        for (int order = 0; order < orders; order++) {
            counts[order % shops.size()][FAILED]++;
        }
    }

    /** Back to zero, as after a process restart. */
    public void reset() {
        for (long[] shop : counts) {
            Arrays.fill(shop, 0);
        }
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(shops.size() * STATUSES.size());
        for (int shop = 0; shop < shops.size(); shop++) {
            for (int status = 0; status < STATUSES.size(); status++) {
                samples.add(new Sample(NAME + "_total", LABEL_NAMES, List.of(shops.get(shop), STATUSES.get(status)),
                        counts[shop][status]));
            }
        }
        return new MetricFamilySamples(NAME, Type.COUNTER, HELP, List.copyOf(samples));
    }

    private int drawStatus() {
        double draw = random.nextDouble();
        for (int status = 0; status < statusShares.length - 1; status++) {
            draw -= statusShares[status];
            if (draw < 0) {
                return status;
            }
        }
        return statusShares.length - 1;
    }
}
