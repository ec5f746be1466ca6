package dev.perfmonitoring.exposer.rest;

import dev.perfmonitoring.exposer.service.InvalidEventParameterException;
import dev.perfmonitoring.exposer.service.UnknownEventKindException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure JAX-RS sees, as the JSON {@link ErrorBody} {@code {"error": "...", "status": N}}: one method per
 * failure, never a 5xx for bad input. (The exposer takes no request body, so it has no body limit or JSON rules.)
 */
public class ErrorMappers {

    /** A parameter out of range (Bean Validation): 400 naming the parameter, e.g. "count must be a whole number ...". */
    @ServerExceptionMapper
    public Response invalidParameter(ConstraintViolationException e) {
        String error = e.getConstraintViolations().stream()
                .map(ErrorMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorBody.response(400, error);
    }

    /** A parameter the event kind does not take: 400. */
    @ServerExceptionMapper
    public Response parameterOfAnotherKind(InvalidEventParameterException e) {
        return ErrorBody.response(400, e.getMessage());
    }

    /** An unknown event kind is a resource that does not exist: 404, with the known kinds in the message. */
    @ServerExceptionMapper
    public Response unknownEventKind(UnknownEventKindException e) {
        return ErrorBody.response(404, e.getMessage());
    }

    /** JAX-RS's own rejections (unknown route, method not allowed, ...), keeping their status and headers. */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        Response original = e.getResponse();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(original.getStatusInfo().getReasonPhrase(), original.getStatus()))
                .build();
    }

    /** "count must be ..." from the property path "trigger.count". */
    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1) + " " + violation.getMessage();
    }
}
