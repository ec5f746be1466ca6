package dev.perfmonitoring.exporter.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The test runs this exporter has pushed to the Pushgateway. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    /** Lists pushed runs; pushing arrives with the full exporter. */
    @GET
    public List<String> list() {
        return List.of();
    }
}
