package dev.perfmonitoring.exposer.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every 4xx answer: {@code {"error": "...", "status": 400}}. */
@RegisterForReflection
public record ErrorResponse(String error, int status) {

    static Response of(Response.Status status, String error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(error, status.getStatusCode()))
                .build();
    }
}
