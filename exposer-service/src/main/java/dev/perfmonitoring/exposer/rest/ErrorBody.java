package dev.perfmonitoring.exposer.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error answer: {@code {"error": "...", "status": 400}}. */
@RegisterForReflection
public record ErrorBody(String error, int status) {

    /** An error answer, for the exception mappers. */
    static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message, status)).build();
    }
}
