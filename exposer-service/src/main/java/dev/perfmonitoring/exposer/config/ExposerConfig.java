package dev.perfmonitoring.exposer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Shapes, rates and cardinality of the sample metrics. Every key has a default and is also read from the environment
 * ({@code exposer.orders.failure-ratio} as {@code EXPOSER_ORDERS_FAILURE_RATIO}); checks that span keys are in
 * {@link ConfigurationCheck}.
 */
@ConfigMapping(prefix = "exposer")
public interface ExposerConfig {

    /** Seed of every random draw: the same seed and settings give the same values at the same simulated time. */
    @WithDefault("3")
    long seed();

    /** Simulated time between two generation steps; the values change once per step. */
    @WithDefault("1s")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration tickInterval();

    /** How many series the sample metrics expose. */
    Cardinality cardinality();

    /** The order counter. */
    Orders orders();

    /** The sine-wave temperature gauge. */
    Temperature temperature();

    /** The random-walk stock price gauge. */
    Stock stock();

    /** The sawtooth queue-depth gauge. */
    Queue queue();

    /** The request-latency histogram. */
    Latency latency();

    /** The response-size summary. */
    ResponseSize responseSize();

    /** The build info metric. */
    BuildInfo buildInfo();

    interface Cardinality {

        /** How many values the varying label of every sample metric takes (shop, room, symbol, queue, endpoint). */
        @WithDefault("3")
        @Min(1)
        int labelValues();
    }

    interface Orders {

        /** Mean orders per second and shop (Poisson-distributed per step). */
        @WithDefault("5")
        @DecimalMin("0")
        @DecimalMax("1000")
        double ratePerSecond();

        /** Share of orders that fail. */
        @WithDefault("0.05")
        @DecimalMin("0")
        @DecimalMax("1")
        double failureRatio();

        /** Share of orders that are cancelled. */
        @WithDefault("0.03")
        @DecimalMin("0")
        @DecimalMax("1")
        double cancelRatio();
    }

    interface Temperature {

        /** Centre line of the wave, in degrees Celsius. */
        @WithDefault("21")
        @DecimalMin("-100")
        @DecimalMax("100")
        double meanCelsius();

        /** Height of the wave above and below the centre line, in degrees Celsius. */
        @WithDefault("4")
        @DecimalMin("0")
        @DecimalMax("100")
        double amplitudeCelsius();

        /** Time one full wave takes (at least two tick intervals). */
        @WithDefault("10m")
        @DurationMax(days = 1)
        Duration period();

        /** Standard deviation of the noise added to every reading, in degrees Celsius. */
        @WithDefault("0.1")
        @DecimalMin("0")
        @DecimalMax("10")
        double noiseCelsius();
    }

    interface Stock {

        /** Price of every symbol at start-up. */
        @WithDefault("100")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1000000")
        double startPrice();

        /** Standard deviation of the relative price change over one second (geometric random walk). */
        @WithDefault("0.005")
        @DecimalMin("0")
        @DecimalMax("0.5")
        double volatility();
    }

    interface Queue {

        /** Depth at which the queue is drained at once. */
        @WithDefault("500")
        @Min(1)
        @Max(1_000_000_000)
        int capacity();

        /** Time from empty to full (at least two tick intervals). */
        @WithDefault("2m")
        @DurationMax(days = 1)
        Duration period();
    }

    interface Latency {

        /** Mean requests per second and endpoint (Poisson-distributed per step). */
        @WithDefault("20")
        @DecimalMin("0")
        @DecimalMax("1000")
        double ratePerSecond();

        /** Median request duration in seconds; durations are log-normal around it (a long right tail). */
        @WithDefault("0.1")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("60")
        double medianSeconds();

        /** Spread of the log-normal distribution (sigma of the logarithm): 0 makes every request take the median. */
        @WithDefault("0.6")
        @DecimalMin("0")
        @DecimalMax("3")
        double spread();

        /** Upper bounds of the histogram buckets in seconds, increasing; they include the SLO thresholds. */
        @WithDefault("0.005,0.01,0.025,0.05,0.1,0.2,0.3,0.4,0.5,1,2.5,5")
        @NotEmpty
        List<Double> buckets();

        /** Factor every request duration is multiplied by during a latency-spike event. */
        @WithDefault("5")
        @DecimalMin("1")
        @DecimalMax("1000")
        double spikeFactor();
    }

    interface ResponseSize {

        /** Median response size in bytes; sizes are log-normal around it. */
        @WithDefault("2048")
        @DecimalMin("1")
        @DecimalMax("1000000000")
        double medianBytes();

        /** Spread of the log-normal distribution (sigma of the logarithm): 0 makes every response the median size. */
        @WithDefault("0.9")
        @DecimalMin("0")
        @DecimalMax("3")
        double spread();

        /** Quantiles the summary reports, increasing, each between 0 and 1. */
        @WithDefault("0.5,0.9,0.99")
        @NotEmpty
        List<Double> quantiles();

        /** How many of the latest responses per endpoint the quantiles are computed over. */
        @WithDefault("500")
        @Min(1)
        @Max(1000)
        int window();
    }

    interface BuildInfo {

        /** Value of the version label of sample_build_info. */
        @WithDefault("${quarkus.application.version}")
        @NotBlank
        String version();
    }
}
