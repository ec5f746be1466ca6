package dev.perfmonitoring.exposer.rest;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** The metrics exposition at {@code /}, where seed 003's exposer served it (also at {@code /q/metrics}). */
@Path("/")
public class ExpositionResource {

    private final PrometheusMeterRegistry registry;

    public ExpositionResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        return registry.scrape();
    }
}
