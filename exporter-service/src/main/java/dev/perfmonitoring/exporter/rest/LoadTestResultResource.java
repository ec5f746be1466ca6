package dev.perfmonitoring.exporter.rest;

import dev.perfmonitoring.exporter.service.ResultRecorder;
import dev.perfmonitoring.exporter.service.RunKey;
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
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The original exporter's write API, wire-compatible with the concurrency controller. Each write goes to the run
 * named by the body field {@code testid}, the {@code X-Test-Id} header or the {@code testid} query parameter.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoadTestResultResource {

    static final String TEST_ID_HEADER = "X-Test-Id";
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
    public RestResponse<UpdateAccepted> addBatchWise(@Valid @NotNull(message = BODY_REQUIRED) BatchCounts body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return answer(key, recorder.recordBatch(key, body.total(), body.failed(), body.success()));
    }

    @POST
    @Path("updateTotal")
    public RestResponse<UpdateAccepted> updateTotal(@Valid @NotNull(message = BODY_REQUIRED) TotalIncrement body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return answer(key, recorder.addOverallRequests(key, body.totalReq()));
    }

    @POST
    @Path("updateAvgTime")
    public RestResponse<UpdateAccepted> updateAvgTime(@Valid @NotNull(message = BODY_REQUIRED) TimeObservation body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return answer(key, recorder.recordBatchAverageMillis(key, body.time()));
    }

    @POST
    @Path("updateTime")
    public RestResponse<UpdateAccepted> updateTime(@Valid @NotNull(message = BODY_REQUIRED) TimeObservation body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return answer(key, recorder.recordRunTimeSeconds(key, body.time()));
    }

    @POST
    @Path("pushMetrics")
    public RestResponse<UpdateAccepted> pushMetrics(@Valid @NotNull(message = BODY_REQUIRED) ControllerMetrics body,
            @HeaderParam(TEST_ID_HEADER) String header, @QueryParam("testid") String query) {
        RunKey key = RunKey.fromRequest(body.testid(), header, query);
        return answer(key, recorder.recordControllerState(key, body.total(), body.failed(), body.latency(), body.RPS()));
    }

    /** 200 when the update is on the Pushgateway already (sync mode), 202 when it will be pushed. */
    private static RestResponse<UpdateAccepted> answer(RunKey key, boolean pushed) {
        return RestResponse.status(pushed ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED,
                new UpdateAccepted(key.testid(), pushed));
    }
}
