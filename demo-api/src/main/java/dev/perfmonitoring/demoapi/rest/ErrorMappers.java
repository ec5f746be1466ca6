package dev.perfmonitoring.demoapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.perfmonitoring.demoapi.service.PersonNotFoundException;
import dev.perfmonitoring.demoapi.service.StoreFullException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure JAX-RS sees, as the JSON {@link ErrorBody} {@code {"error": "...", "status": N}}: one method per
 * failure, never a 5xx for bad input. (Failures before JAX-RS: {@link RequestBodyLimit}, {@link ManagementRoutes}.)
 */
public class ErrorMappers {

    /** A body or query parameter that breaks a constraint: every broken rule is named, in a stable order. */
    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        if (e.getConstraintViolations().isEmpty()) {
            return ErrorBody.response(400, e.getMessage());
        }
        String messages = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .distinct()
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorBody.response(400, messages);
    }

    /** JSON of the wrong shape: a number where text belongs, an array instead of an object, trailing content. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return ErrorBody.response(400, "the body must be one JSON object");
        }
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return ErrorBody.response(400, "wrong type or value for field " + field);
    }

    /**
     * JAX-RS's own rejections, keeping their status and headers (the Allow of a 405): 404 (unknown route), 405, 406,
     * 415, and the 400 Quarkus raises for a body that is not JSON at all.
     */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        Response original = e.getResponse();
        String message = e.getCause() instanceof JsonProcessingException json
                ? "malformed JSON: " + json.getOriginalMessage()
                : original.getStatusInfo().getReasonPhrase();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(message, original.getStatus()))
                .build();
    }

    /** A chunked body over the limit, counted while it was read; the rest stays unread, so the connection closes. */
    @ServerExceptionMapper
    public Response bodyTooLarge(RequestBodyLimit.TooLargeException e) {
        return Response.fromResponse(ErrorBody.response(413, e.getMessage())).header("Connection", "close").build();
    }

    /** An id no person has, numeric or not. */
    @ServerExceptionMapper
    public Response personNotFound(PersonNotFoundException e) {
        return ErrorBody.response(404, e.getMessage());
    }

    /** 507 Insufficient Storage when the store holds its capacity, as prometric. */
    @ServerExceptionMapper
    public Response storeFull(StoreFullException e) {
        return ErrorBody.response(507, e.getMessage());
    }
}
