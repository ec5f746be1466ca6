package dev.perfmonitoring.exposer.rest;

import dev.perfmonitoring.exposer.service.UnknownEventKindException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An unknown event kind is a resource that does not exist: 404, with the known kinds in the message. */
@Provider
public class UnknownEventKindMapper implements ExceptionMapper<UnknownEventKindException> {

    @Override
    public Response toResponse(UnknownEventKindException exception) {
        return ErrorResponse.of(Response.Status.NOT_FOUND, exception.getMessage());
    }
}
