package dev.perfmonitoring.exporter.rest;

import dev.perfmonitoring.exporter.service.ResultRecorder;
import dev.perfmonitoring.exporter.service.RunKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.function.BooleanSupplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The original exporter's write API, wire-compatible with the concurrency controller. Each write goes to the run
 * named by the body field {@code testid}, the {@code X-Test-Id} header or the {@code testid} query parameter.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoadTestResultResource {

    private static final String TEST_ID_HEADER = "X-Test-Id";
    private static final String BODY_REQUIRED = "is required";

    private final ResultRecorder recorder;

    public LoadTestResultResource(ResultRecorder recorder) {
        this.recorder = recorder;
    }

    /** The controller's connection check ({@code GET /} must answer 200). */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String home() {
        return "perf-monitoring exporter: POST /addBatchWise, /updateTotal, /updateAvgTime, /updateTime, /pushMetrics";
    }

    @POST
    @Path("addBatchWise")
    public Uni<RestResponse<UpdateAccepted>> addBatchWise(@Valid @NotNull(message = BODY_REQUIRED) BatchCounts body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return accept(key, () -> recorder.recordBatch(key, body.total(), body.failed(), body.success()));
    }

    @POST
    @Path("updateTotal")
    public Uni<RestResponse<UpdateAccepted>> updateTotal(@Valid @NotNull(message = BODY_REQUIRED) TotalIncrement body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return accept(key, () -> recorder.addOverallRequests(key, body.totalReq()));
    }

    @POST
    @Path("updateAvgTime")
    public Uni<RestResponse<UpdateAccepted>> updateAvgTime(@Valid @NotNull(message = BODY_REQUIRED) TimeObservation body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return accept(key, () -> recorder.recordBatchAverageMillis(key, body.time()));
    }

    @POST
    @Path("updateTime")
    public Uni<RestResponse<UpdateAccepted>> updateTime(@Valid @NotNull(message = BODY_REQUIRED) TimeObservation body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return accept(key, () -> recorder.recordRunTimeSeconds(key, body.time()));
    }

    @POST
    @Path("pushMetrics")
    public Uni<RestResponse<UpdateAccepted>> pushMetrics(@Valid @NotNull(message = BODY_REQUIRED) ControllerMetrics body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return accept(key, () -> recorder.recordControllerState(key, body.total(), body.failed(), body.latency(), body.RPS()));
    }

    /**
     * Records the update and answers 200 when it is on the Pushgateway already (sync mode), 202 when it will be pushed.
     * A coalesced write only touches memory, so it runs on the event loop; a sync write pushes, so it runs on a worker.
     */
    private Uni<RestResponse<UpdateAccepted>> accept(RunKey key, BooleanSupplier record) {
        Uni<RestResponse<UpdateAccepted>> answer = Uni.createFrom().item(() -> {
            boolean pushed = record.getAsBoolean();
            return RestResponse.status(pushed ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED,
                    new UpdateAccepted(key.testid(), pushed));
        });
        return recorder.pushesInRequest() ? answer.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : answer;
    }
}
