package dev.perfmonitoring.demoapi.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error answer: {@code {"error": "...", "status": 404}}. */
@RegisterForReflection
public record ErrorBody(String error, int status) {

    /** An error answer, for the exception mappers. */
    static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message, status)).build();
    }

    /** Ends a request with an error answer, for the Vert.x routes outside JAX-RS. */
    static void send(RoutingContext context, int status, String message) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .end(new JsonObject().put("error", message).put("status", status).encode());
    }
}
