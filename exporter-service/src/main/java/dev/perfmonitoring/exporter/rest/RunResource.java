package dev.perfmonitoring.exporter.rest;

import dev.perfmonitoring.exporter.service.PushScheduler;
import dev.perfmonitoring.exporter.service.RunKey;
import dev.perfmonitoring.exporter.service.RunStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The test runs this exporter holds: list them, delete a finished one from the Pushgateway. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunStore runs;
    private final PushScheduler scheduler;

    public RunResource(RunStore runs, PushScheduler scheduler) {
        this.runs = runs;
        this.scheduler = scheduler;
    }

    /** Every run ({@code testid} group) received, with its push state, ordered by run id. */
    @GET
    public List<RunView> list() {
        return runs.runs().stream().map(RunView::of).toList();
    }

    /** Deletes the run's group from the Pushgateway (204); 404 when neither this exporter nor the Pushgateway holds it. */
    @DELETE
    @Path("{testid}")
    public void delete(@PathParam("testid") String testid) {
        scheduler.delete(RunKey.of(testid));
    }
}
