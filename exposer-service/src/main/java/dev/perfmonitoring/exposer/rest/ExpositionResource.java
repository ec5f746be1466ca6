package dev.perfmonitoring.exposer.rest;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The metrics exposition at {@code /}, where seed 003's exposer served it; the same registry as {@code /q/metrics},
 * with the same choice of format as Quarkus makes there: text format 0.0.4 when the Accept header names
 * {@code text/plain} (Prometheus does) or {@code text/html} (a browser), otherwise OpenMetrics 1.0.
 */
@Path("/")
public class ExpositionResource {

    private final PrometheusMeterRegistry registry;

    public ExpositionResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String contentType = accept != null && (accept.contains("text/plain") || accept.contains("text/html"))
                ? TextFormat.CONTENT_TYPE_004
                : TextFormat.CONTENT_TYPE_OPENMETRICS_100;
        return Response.ok(registry.scrape(contentType), contentType).build();
    }
}
