package dev.perfmonitoring.exporter.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.perfmonitoring.exporter.service.InvalidTestIdException;
import dev.perfmonitoring.exporter.service.PushgatewayUnavailableException;
import dev.perfmonitoring.exporter.service.TooManyRunsException;
import dev.perfmonitoring.exporter.service.UnknownRunException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure JAX-RS sees, as the JSON {@link ErrorBody} {@code {"error": "<field>: ...", "status": N}}: one method
 * per failure, never a 500 for bad input. (Failures before JAX-RS: {@link RequestBodyLimit}, {@link RequestUriCheck}.)
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidField(ConstraintViolationException e) {
        String error = e.getConstraintViolations().stream()
                .map(violation -> fieldOf(violation) + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorBody.response(400, error);
    }

    /** Wrong type of a field, a body that is not an object, trailing content after the object. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        String error;
        if (field.isEmpty()) {
            error = e.getOriginalMessage().startsWith("Trailing token")
                    ? "body: trailing content after the JSON object"
                    : "body: must be a JSON object";
        } else {
            Class<?> type = e.getTargetType() == null ? Object.class : e.getTargetType();
            error = field + (Number.class.isAssignableFrom(type) ? ": must be a number"
                    : type == String.class ? ": must be a string" : ": has the wrong JSON type");
        }
        return ErrorBody.response(400, error);
    }

    /** Malformed JSON reaches here wrapped by the JSON reader; other HTTP errors keep their status and headers. */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Jackson's first clause names the problem ("Unexpected end-of-input", "Duplicate field 'total'"); the rest is noise
            String problem = json.getOriginalMessage().split(":", 2)[0];
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return ErrorBody.response(400, "body: malformed JSON" + where + ": " + problem);
        }
        Response original = e.getResponse();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(original.getStatusInfo().getReasonPhrase(), original.getStatus()))
                .build();
    }

    /** A chunked body over the limit, counted while it was read; the rest stays unread, so the connection closes. */
    @ServerExceptionMapper
    public Response bodyTooLarge(RequestBodyLimit.TooLargeException e) {
        return Response.fromResponse(ErrorBody.response(413, e.getMessage())).header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response invalidTestId(InvalidTestIdException e) {
        return ErrorBody.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooManyRuns(TooManyRunsException e) {
        return ErrorBody.response(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownRun(UnknownRunException e) {
        return ErrorBody.response(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response pushgatewayUnavailable(PushgatewayUnavailableException e) {
        Log.warn(e.getMessage());
        return ErrorBody.response(503, e.getMessage());
    }

    /** The request field a violation is about: the last node of its path ({@code addBatchWise.body.total} → {@code total}). */
    private static String fieldOf(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::getName)
                .reduce((first, second) -> second)
                .orElse("body");
    }
}
