package dev.perfmonitoring.demoapi.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;

/**
 * Where the start-up warm-up's requests are counted: a registry nobody scrapes, built like the application's own (a
 * composite over a Prometheus registry), so the warm-up runs the meters' code exactly as real requests will.
 */
final class WarmUpMeterRegistry {

    private WarmUpMeterRegistry() {
    }

    /** A registry like {@code real}: a Prometheus-backed composite, or a memberless one when {@code real} has none. */
    static MeterRegistry like(MeterRegistry real) {
        if (real instanceof CompositeMeterRegistry composite && composite.getRegistries().isEmpty()) {
            return new CompositeMeterRegistry();
        }
        return new CompositeMeterRegistry(Clock.SYSTEM, List.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }
}
