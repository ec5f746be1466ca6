package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.service.WarmUpOver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Removes what the start-up warm-up's requests left in Quarkus's own HTTP metrics. The prometric metrics never count
 * them: until {@link WarmUpOver} they count in a registry of their own.
 */
@ApplicationScoped
public class WarmUpTraces {

    private static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private final MeterRegistry registry;

    public WarmUpTraces(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Removes every http_server_requests_seconds series: Quarkus looks its timers up by tags for every request, so the
     * next request of a route starts its series afresh, as the first request of a fresh application does. (Quarkus's
     * transport-level http_server_bytes_read/written and connection metrics are kept per server, not per request:
     * they do include the warm-up's bytes and connections.)
     */
    void remove(@Observes WarmUpOver over) {
        for (Meter meter : registry.find(HTTP_SERVER_REQUESTS).meters()) {
            registry.remove(meter);
        }
    }
}
