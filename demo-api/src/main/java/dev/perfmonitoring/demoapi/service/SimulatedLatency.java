package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Delays each operation like a slow backend would, without holding a thread: the work is scheduled after the delay
 * (Mutiny's timer), so event-loop threads keep serving other requests meanwhile. During the start-up {@link WarmUp} the
 * delays are drawn the same way but capped at a millisecond: the warm-up takes the delayed path without its waits.
 */
@Singleton
public class SimulatedLatency {

    /** The operations with a delay of their own. */
    public enum Operation {
        GET, LIST, CREATE, UPDATE, DELETE
    }

    private static final Duration WARM_UP_MAX = Duration.ofMillis(1);

    private final Map<Operation, LatencyDistribution> configured = new EnumMap<>(Operation.class);
    private volatile Map<Operation, LatencyDistribution> distributions;

    public SimulatedLatency(DemoApiConfig config, WarmUp warmUp) {
        DemoApiConfig.Latency latency = config.latency();
        configured.put(Operation.GET, distribution(latency, latency.getMedian(), latency.getMax()));
        configured.put(Operation.LIST, distribution(latency, latency.listMedian(), latency.listMax()));
        configured.put(Operation.CREATE, distribution(latency, latency.createMedian(), latency.createMax()));
        configured.put(Operation.UPDATE, distribution(latency, latency.updateMedian(), latency.updateMax()));
        configured.put(Operation.DELETE, distribution(latency, latency.deleteMedian(), latency.deleteMax()));
        distributions = warmUp.isFinished() ? configured : warmUpDistributions();
    }

    void serveRealTraffic(@Observes WarmUpOver over) {
        distributions = configured;
    }

    private Map<Operation, LatencyDistribution> warmUpDistributions() {
        Map<Operation, LatencyDistribution> capped = new EnumMap<>(Operation.class);
        configured.forEach((operation, distribution) -> capped.put(operation, distribution.cappedAt(WARM_UP_MAX)));
        return capped;
    }

    /**
     * Runs {@code work} after the operation's simulated delay, rounded to the nearest millisecond (the timer's
     * resolution: Vert.x refuses to schedule anything shorter, which failed the request); its exceptions become the
     * Uni's failure. Without a delay it runs at once: a Uni of its result is subscribed without capturing the caller's
     * contexts for a later thread.
     */
    public <T> Uni<T> after(Operation operation, Supplier<T> work) {
        long delayMillis = Math.round(distributions.get(operation).draw(ThreadLocalRandom.current()).toNanos() / 1e6);
        if (delayMillis == 0) {
            try {
                return Uni.createFrom().item(work.get());
            } catch (RuntimeException failure) {
                return Uni.createFrom().failure(failure);
            }
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMillis))
                .replaceWith(Uni.createFrom().item(work));
    }

    private static LatencyDistribution distribution(DemoApiConfig.Latency latency, Duration median, Duration max) {
        return new LatencyDistribution(latency.mode(), latency.spread(), median, max);
    }
}
