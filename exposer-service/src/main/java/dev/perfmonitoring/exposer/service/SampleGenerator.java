package dev.perfmonitoring.exposer.service;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import dev.perfmonitoring.exposer.metrics.BuildInfo;
import dev.perfmonitoring.exposer.metrics.LatencyHistogram;
import dev.perfmonitoring.exposer.metrics.OrderCounter;
import dev.perfmonitoring.exposer.metrics.QueueSawtooth;
import dev.perfmonitoring.exposer.metrics.RequestTraffic;
import dev.perfmonitoring.exposer.metrics.ResponseSizeSummary;
import dev.perfmonitoring.exposer.metrics.SampleCollector;
import dev.perfmonitoring.exposer.metrics.SampleSeries;
import dev.perfmonitoring.exposer.metrics.StockPriceWalk;
import dev.perfmonitoring.exposer.metrics.TemperatureWave;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Moves the sample metrics through simulated time in fixed steps of {@code exposer.tick-interval}. Step {@code n}
 * covers simulated time up to {@code n * tick-interval} after start-up; the values after {@code n} steps depend only on
 * the seed, the settings and the events triggered, so tests drive the clock and assert exact values. After each change
 * the whole set of families is published at once to the {@link SampleCollector}, which scrapes read without locking.
 */
@Startup
@ApplicationScoped
public class SampleGenerator {

    /** A process that was suspended longer than this many steps skips ahead instead of replaying every step. */
    static final long MAX_CATCH_UP_STEPS = 3600;

    private final Clock clock;
    private final SampleCollector collector;
    private final Instant start;
    private final long tickMillis;
    private final double tickSeconds;
    private final double spikeFactor;
    private final OrderCounter orders;
    private final TemperatureWave temperature;
    private final StockPriceWalk stock;
    private final QueueSawtooth queue;
    private final RequestTraffic traffic;
    private final LatencyHistogram latency;
    private final ResponseSizeSummary responseSizes;
    private final BuildInfo buildInfo;
    private long step;
    private long spikeLastStep = -1;

    public SampleGenerator(ExposerConfig config, Clock clock, SampleCollector collector) {
        this.clock = clock;
        this.collector = collector;
        this.start = clock.instant();
        this.tickMillis = config.tickInterval().toMillis();
        this.tickSeconds = tickMillis / 1000.0;
        this.spikeFactor = config.latency().spikeFactor();
        // One stream per metric, split in a fixed order: one metric's rates and shapes do not change the others' values.
        SplittableRandom seeded = new SplittableRandom(config.seed());
        this.orders = new OrderCounter(config, seeded.split());
        this.temperature = new TemperatureWave(config, seeded.split());
        this.stock = new StockPriceWalk(config, seeded.split());
        this.queue = new QueueSawtooth(config);
        this.traffic = new RequestTraffic(config, seeded.split());
        this.latency = new LatencyHistogram(config, seeded.split());
        this.responseSizes = new ResponseSizeSummary(config, seeded.split());
        this.buildInfo = new BuildInfo(config, seeded.split());
        publish();
        Log.infof("Sample metrics: %d series, a step every %s, seed %d", SampleSeries.count(config),
                config.tickInterval(), config.seed());
    }

    /** Runs every step the clock has passed since the last call, then publishes; a no-op when none is due. */
    @Scheduled(every = "1s", identity = "sample-generation", concurrentExecution = ConcurrentExecution.SKIP)
    public synchronized void advance() {
        long due = Duration.between(start, clock.instant()).toMillis() / tickMillis;
        if (due <= step) {
            return;
        }
        if (due - step > MAX_CATCH_UP_STEPS) {
            Log.warnf("Sample generation is %d steps behind (suspended?): skipping ahead to replay only the last %d",
                    due - step, MAX_CATCH_UP_STEPS);
            step = due - MAX_CATCH_UP_STEPS;
        }
        while (step < due) {
            runStep();
        }
        publish();
    }

    /** The number of steps run so far. */
    public synchronized long step() {
        return step;
    }

    synchronized void orderBurst(int count) {
        orders.burst(count);
        publish();
    }

    synchronized void failureBurst(int count) {
        orders.failures(count);
        publish();
    }

    /** Multiplies request durations by the spike factor for the steps covering the next {@code duration}. */
    synchronized long latencySpike(Duration duration) {
        long steps = Math.max(1, (duration.toMillis() + tickMillis - 1) / tickMillis);
        spikeLastStep = step + steps;
        return steps;
    }

    /** A new revision goes live: a new build-info revision, and every counter, histogram and summary restarts at 0. */
    synchronized String deploy() {
        orders.reset();
        latency.reset();
        responseSizes.reset();
        String revision = buildInfo.deploy();
        publish();
        return revision;
    }

    private void runStep() {
        step++;
        double seconds = step * tickSeconds;
        orders.advance(tickSeconds);
        temperature.advanceTo(seconds);
        stock.advance(tickSeconds);
        queue.advanceTo(step * tickMillis);
        long[] requests = traffic.arrivals(tickSeconds);
        latency.observe(requests, step <= spikeLastStep ? spikeFactor : 1);
        responseSizes.observe(requests);
    }

    private void publish() {
        collector.publish(List.of(orders.family(), temperature.family(), stock.family(), queue.family(),
                latency.family(), responseSizes.family(), buildInfo.family()));
    }
}
