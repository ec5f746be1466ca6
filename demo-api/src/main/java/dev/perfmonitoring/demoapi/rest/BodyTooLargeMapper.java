package dev.perfmonitoring.demoapi.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 413 for a streamed body over the limit; the rest of it stays unread, so the connection closes. */
@Provider
public class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {

    @Override
    public Response toResponse(BodyTooLargeException exception) {
        return Response.fromResponse(ApiError.response(413, exception.getMessage()))
                .header("Connection", "close")
                .build();
    }
}
