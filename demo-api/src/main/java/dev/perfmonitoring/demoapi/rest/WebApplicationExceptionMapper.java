package dev.perfmonitoring.demoapi.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own rejections as JSON errors: 404 (unknown route, non-numeric id), 405 (keeping the Allow header), 406,
 * 415, and the 400 Quarkus raises for a body that is not JSON at all.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        String message = exception.getCause() instanceof JsonProcessingException json
                ? "malformed JSON: " + json.getOriginalMessage()
                : original.getStatusInfo().getReasonPhrase();
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(message, original.getStatus()))
                .build();
    }
}
