package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import dev.perfmonitoring.demoapi.service.PersonStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * prometric's person metrics: person_store_count, person_created_total, person_deleted_total, person_not_found_total
 * and person_payload_size_bytes. With custom metrics switched off they are registered nowhere (a composite registry
 * without members hands out no-op meters).
 */
@Startup
@ApplicationScoped
public class PersonMetrics {

    /** Payload-size buckets in bytes: exponential from 100 B, doubling past the 64 KiB default body limit. */
    static final double[] PAYLOAD_BUCKETS = { 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 102400 };

    private final Counter created;
    private final Counter deleted;
    private final Counter notFound;
    private final DistributionSummary payloadSize;

    public PersonMetrics(MeterRegistry registry, DemoApiConfig config, PersonStore store) {
        MeterRegistry target = config.metrics().enabled() ? registry : new CompositeMeterRegistry();
        Gauge.builder("person.store.count", store, PersonStore::count)
                .description("Number of person records currently stored in memory")
                .register(target);
        created = Counter.builder("person.created")
                .description("Total number of persons created successfully")
                .register(target);
        deleted = Counter.builder("person.deleted")
                .description("Total number of persons deleted successfully")
                .register(target);
        notFound = Counter.builder("person.not.found")
                .description("Total number of get, update and delete operations on nonexistent persons")
                .register(target);
        payloadSize = DistributionSummary.builder("person.payload.size")
                .description("Size of JSON payloads in POST /person")
                .baseUnit("bytes")
                .serviceLevelObjectives(PAYLOAD_BUCKETS)
                .register(target);
    }

    public void personCreated() {
        created.increment();
    }

    public void personDeleted() {
        deleted.increment();
    }

    public void personNotFound() {
        notFound.increment();
    }

    public void payloadReceived(long bytes) {
        payloadSize.record(bytes);
    }
}
