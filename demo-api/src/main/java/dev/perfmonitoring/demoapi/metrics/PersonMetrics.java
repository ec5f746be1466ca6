package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import dev.perfmonitoring.demoapi.service.PersonStore;
import dev.perfmonitoring.demoapi.service.WarmUp;
import dev.perfmonitoring.demoapi.service.WarmUpOver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * prometric's person metrics: person_store_count, person_created_total, person_deleted_total, person_not_found_total
 * and person_payload_size_bytes. With custom metrics switched off they are registered nowhere (a composite registry
 * without members hands out no-op meters). The start-up warm-up counts in meters of its own until {@link WarmUpOver}.
 */
@Startup
@Singleton
public class PersonMetrics {

    /** Payload-size buckets in bytes: exponential from 100 B, doubling past the 64 KiB default body limit. */
    static final double[] PAYLOAD_BUCKETS = { 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 102400 };

    private final Meters real;
    private volatile Meters meters;

    public PersonMetrics(MeterRegistry registry, DemoApiConfig config, PersonStore store, WarmUp warmUp) {
        MeterRegistry target = config.metrics().enabled() ? registry : new CompositeMeterRegistry();
        Gauge.builder("person.store.count", store, PersonStore::count)
                .description("Number of person records currently stored in memory")
                .register(target);
        real = Meters.registeredIn(target);
        meters = warmUp.isFinished() ? real : Meters.registeredIn(WarmUpMeterRegistry.like(target));
    }

    void serveRealTraffic(@Observes WarmUpOver over) {
        meters = real;
    }

    public void personCreated() {
        meters.created().increment();
    }

    public void personDeleted() {
        meters.deleted().increment();
    }

    public void personNotFound() {
        meters.notFound().increment();
    }

    public void payloadReceived(long bytes) {
        meters.payloadSize().record(bytes);
    }

    /** The counters and the payload histogram, in one registry: the real one, or the start-up warm-up's. */
    private record Meters(Counter created, Counter deleted, Counter notFound, DistributionSummary payloadSize) {

        static Meters registeredIn(MeterRegistry registry) {
            return new Meters(
                    Counter.builder("person.created")
                            .description("Total number of persons created successfully")
                            .register(registry),
                    Counter.builder("person.deleted")
                            .description("Total number of persons deleted successfully")
                            .register(registry),
                    Counter.builder("person.not.found")
                            .description("Total number of get, update and delete operations on nonexistent persons")
                            .register(registry),
                    DistributionSummary.builder("person.payload.size")
                            .description("Size of JSON payloads in POST /person")
                            .baseUnit("bytes")
                            .serviceLevelObjectives(PAYLOAD_BUCKETS)
                            .register(registry));
        }
    }
}
