package dev.perfmonitoring.demoapi.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;

/** Adjustments of Quarkus's own HTTP server metrics (http_server_requests_seconds and friends). */
public class QuarkusHttpMetrics {

    private static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** http_server_requests_seconds gets the same histogram buckets as http_request_duration_seconds. */
    @Produces
    @Singleton
    MeterFilter httpServerRequestsBuckets() {
        double[] bucketNanos = Arrays.stream(LatencyBuckets.BOUNDARIES).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(bucketNanos).build().merge(config);
            }
        };
    }

    /** Any {@code method} label outside HTTP's standard methods becomes OTHER: made-up methods add no series. */
    @Produces
    @Singleton
    MeterFilter boundedMethodLabel() {
        return MeterFilter.replaceTagValues("method", RouteTemplates::method);
    }

    /**
     * Quarkus labels {@code uri} with the JAX-RS route template, or NOT_FOUND for a 404, but with the raw path when a
     * request is answered before JAX-RS matched it (a 413 for an oversize body, say): paths become their route template
     * or UNMATCHED here, as in http_requests_total, while Quarkus's named values (NOT_FOUND, REDIRECTION, root) stay.
     */
    @Produces
    @Singleton
    MeterFilter boundedUriLabel() {
        return MeterFilter.replaceTagValues("uri", uri -> uri.startsWith("/") ? RouteTemplates.of(uri) : uri);
    }
}
