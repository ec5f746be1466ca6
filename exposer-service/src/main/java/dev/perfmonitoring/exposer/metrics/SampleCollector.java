package dev.perfmonitoring.exposer.metrics;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Puts the sample metrics into the Prometheus registry that Micrometer scrapes, so they appear in the same exposition
 * as the JVM and HTTP metrics at {@code /} and {@code /q/metrics}. A scrape only reads the families last published:
 * an immutable list behind a volatile reference, so generation never blocks it and a scrape never sees half a step.
 */
@Singleton
public class SampleCollector extends Collector {

    private final PrometheusMeterRegistry registry;
    private volatile List<MetricFamilySamples> families = List.of();

    public SampleCollector(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @PostConstruct
    void registerWithMicrometer() {
        registry.getPrometheusRegistry().register(this);
    }

    /** Replaces what scrapes return; {@code published} must not change afterwards. */
    public void publish(List<MetricFamilySamples> published) {
        this.families = List.copyOf(published);
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return families;
    }
}
