package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Delays each operation like a slow backend would, without holding a thread: the work is scheduled after the delay
 * (Mutiny's timer), so event-loop threads keep serving other requests meanwhile.
 */
@ApplicationScoped
public class SimulatedLatency {

    /** The operations with a delay of their own. */
    public enum Operation {
        GET, LIST, CREATE, UPDATE, DELETE
    }

    private final Map<Operation, LatencyDistribution> distributions = new EnumMap<>(Operation.class);

    public SimulatedLatency(DemoApiConfig config) {
        DemoApiConfig.Latency latency = config.latency();
        distributions.put(Operation.GET, distribution(latency, latency.getMedian(), latency.getMax()));
        distributions.put(Operation.LIST, distribution(latency, latency.listMedian(), latency.listMax()));
        distributions.put(Operation.CREATE, distribution(latency, latency.createMedian(), latency.createMax()));
        distributions.put(Operation.UPDATE, distribution(latency, latency.updateMedian(), latency.updateMax()));
        distributions.put(Operation.DELETE, distribution(latency, latency.deleteMedian(), latency.deleteMax()));
    }

    /** Runs {@code work} after the operation's simulated delay; its exceptions become the Uni's failure. */
    public <T> Uni<T> after(Operation operation, Supplier<T> work) {
        Uni<T> result = Uni.createFrom().item(work);
        Duration delay = distributions.get(operation).draw(ThreadLocalRandom.current());
        if (delay.isZero()) {
            return result;
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay).replaceWith(result);
    }

    private static LatencyDistribution distribution(DemoApiConfig.Latency latency, Duration median, Duration max) {
        return new LatencyDistribution(latency.mode(), latency.spread(), median, max);
    }
}
