package dev.perfmonitoring.exposer.config;

import dev.perfmonitoring.exposer.metrics.SampleSeries;
import io.quarkus.runtime.Startup;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Start-up checks the per-key constraints of {@link ExposerConfig} cannot express: rules spanning keys, the series
 * bound, and {@code EXPOSER_*} environment variables that match no key (a typo would otherwise leave the default
 * silently in force). Runs before the generator starts; any problem stops start-up naming the key.
 */
@Startup(ObserverMethod.DEFAULT_PRIORITY - 100)
@Singleton
public class ConfigurationCheck {

    private static final String PREFIX = "exposer.";
    /**
     * Variables that are not settings: Kubernetes injects {@code <SERVICE>_PORT*} and {@code <SERVICE>_SERVICE_*}
     * for every Service of the namespace (a Service named {@code exposer} gives {@code EXPOSER_PORT}), and the
     * one-machine stack uses {@code EXPOSER_PORT} for its own port setting.
     */
    private static final Pattern NOT_A_SETTING = Pattern.compile("EXPOSER_(PORT(_.*)?|SERVICE_(HOST|PORT)(_.*)?)");

    public ConfigurationCheck(ExposerConfig config, SmallRyeConfig smallRyeConfig) {
        // Every key has a default, so the sources other than the environment name them all.
        Set<String> knownKeys = StreamSupport.stream(smallRyeConfig.getConfigSources().spliterator(), false)
                .filter(source -> !(source instanceof EnvConfigSource))
                .flatMap(source -> source.getPropertyNames().stream())
                .filter(name -> name.startsWith(PREFIX))
                .collect(Collectors.toSet());
        List<String> problems = problems(config, System.getenv(), knownKeys);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** Every problem found, each naming its key; empty when the configuration is valid. */
    static List<String> problems(ExposerConfig config, Map<String, String> environment, Set<String> knownKeys) {
        List<String> problems = new ArrayList<>();
        if (config.orders().failureRatio() + config.orders().cancelRatio() > 1) {
            problems.add(describe("exposer.orders.failure-ratio") + " + " + describe("exposer.orders.cancel-ratio")
                    + " = " + (config.orders().failureRatio() + config.orders().cancelRatio())
                    + " is more than 1: the shares of failed and cancelled orders cannot exceed all orders");
        }
        increasing(config.latency().buckets(), "exposer.latency.buckets",
                bound -> bound > 0 && bound < Double.POSITIVE_INFINITY, "each must be a positive number")
                .ifPresent(problems::add);
        increasing(config.responseSize().quantiles(), "exposer.response-size.quantiles",
                quantile -> quantile > 0 && quantile < 1, "each must lie strictly between 0 and 1")
                .ifPresent(problems::add);
        atLeastTwoTicks(config.temperature().period(), "exposer.temperature.period", config.tickInterval())
                .ifPresent(problems::add);
        atLeastTwoTicks(config.queue().period(), "exposer.queue.period", config.tickInterval())
                .ifPresent(problems::add);
        int series = SampleSeries.count(config);
        if (series > SampleSeries.MAX) {
            problems.add(describe("exposer.cardinality.label-values") + " = " + config.cardinality().labelValues()
                    + " would expose " + series + " sample series, more than the bound of " + SampleSeries.MAX
                    + ": use at most " + SampleSeries.maxLabelValues(config) + " with "
                    + config.latency().buckets().size() + " latency buckets and "
                    + config.responseSize().quantiles().size() + " quantiles");
        }
        Set<String> knownVariables = knownKeys.stream().map(ConfigurationCheck::environmentName)
                .collect(Collectors.toSet());
        environment.keySet().stream()
                .filter(name -> name.startsWith("EXPOSER_") && !knownVariables.contains(name))
                .filter(name -> !NOT_A_SETTING.matcher(name).matches())
                .sorted()
                .forEach(name -> problems.add("environment variable " + name + " matches no exposer setting"
                        + " (a typo?); known: " + knownVariables.stream().sorted().toList()));
        return problems;
    }

    /** {@code exposer.orders.failure-ratio} as {@code EXPOSER_ORDERS_FAILURE_RATIO}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String describe(String key) {
        return key + " (" + environmentName(key) + ")";
    }

    private static Optional<String> increasing(List<Double> values, String key, DoublePredicate inRange,
                                               String range) {
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            if (!inRange.test(value)) {
                return Optional.of(describe(key) + " = " + values + ": " + value + " is out of range (" + range + ")");
            }
            if (i > 0 && value <= values.get(i - 1)) {
                return Optional.of(describe(key) + " = " + values + " must be strictly increasing, but "
                        + value + " follows " + values.get(i - 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> atLeastTwoTicks(Duration period, String key, Duration tickInterval) {
        if (period.compareTo(tickInterval.multipliedBy(2)) < 0) {
            return Optional.of(describe(key) + " = " + period + " is shorter than two tick intervals ("
                    + describe("exposer.tick-interval") + " = " + tickInterval + "): the shape could not be seen");
        }
        return Optional.empty();
    }
}
