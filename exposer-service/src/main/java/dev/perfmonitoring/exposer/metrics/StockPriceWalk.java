package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** Gauge {@code sample_stock_price{symbol}}: a geometric random walk per symbol (it never reaches zero). */
public final class StockPriceWalk {

    public static final String NAME = "sample_stock_price";
    private static final String HELP = "Gauge: a share price doing a random walk. A gauge can move either way at any"
            + " time: compare it with delta(), deriv() or max_over_time() rather than rate().";
    private static final List<String> LABEL_NAMES = List.of("symbol");

    private final List<String> symbols;
    private final double volatility;
    private final RandomGenerator random;
    private final double[] prices;

    public StockPriceWalk(ExposerConfig config, RandomGenerator random) {
        this.symbols = LabelValues.numbered("symbol", config.cardinality().labelValues());
        this.volatility = config.stock().volatility();
        this.random = random;
        this.prices = new double[symbols.size()];
        Arrays.fill(prices, config.stock().startPrice());
    }

    /** One random step per symbol over {@code seconds} of simulated time; the drift term keeps the median level. */
    public void advance(double seconds) {
        double deviation = volatility * Math.sqrt(seconds);
        for (int symbol = 0; symbol < prices.length; symbol++) {
            prices[symbol] *= Math.exp(deviation * random.nextGaussian() - deviation * deviation / 2);
        }
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(symbols.size());
        for (int symbol = 0; symbol < symbols.size(); symbol++) {
            samples.add(new Sample(NAME, LABEL_NAMES, List.of(symbols.get(symbol)),
                    Distributions.hundredths(prices[symbol])));
        }
        return new MetricFamilySamples(NAME, Type.GAUGE, HELP, List.copyOf(samples));
    }
}
