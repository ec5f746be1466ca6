package dev.perfmonitoring.demoapi.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Person CRUD over HTTP (seed 001, prometric). */
@Path("/person")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {

    /** Lists stored persons; the store arrives with the full Person API. */
    @GET
    @Path("/list")
    public List<Object> list() {
        return List.of();
    }
}
