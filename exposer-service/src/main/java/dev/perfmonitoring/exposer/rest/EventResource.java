package dev.perfmonitoring.exposer.rest;

import dev.perfmonitoring.exposer.service.EventOutcome;
import dev.perfmonitoring.exposer.service.SampleEvents;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /events/{kind}}: triggers an event by hand, e.g. {@code /events/order-burst?count=500}. The numbers are
 * taken as text and checked by {@link WholeNumber}, so "count=lots" is a 400 naming the parameter.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final SampleEvents events;

    public EventResource(SampleEvents events) {
        this.events = events;
    }

    @POST
    @Path("/{kind}")
    public EventOutcome trigger(
            @PathParam("kind") String kind,
            @QueryParam("count") @WholeNumber(min = 1, max = 100_000) String count,
            @QueryParam("seconds") @WholeNumber(min = 1, max = 86_400) String seconds) {
        return events.trigger(kind, toInteger(count), toInteger(seconds));
    }

    private static Integer toInteger(String validated) {
        return validated == null ? null : Integer.valueOf(validated);
    }
}
