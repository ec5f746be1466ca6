package dev.perfmonitoring.exposer.rest;

import dev.perfmonitoring.exposer.service.InvalidEventParameterException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A parameter the event kind does not take: 400. */
@Provider
public class InvalidEventParameterMapper implements ExceptionMapper<InvalidEventParameterException> {

    @Override
    public Response toResponse(InvalidEventParameterException exception) {
        return ErrorResponse.of(Response.Status.BAD_REQUEST, exception.getMessage());
    }
}
