package dev.perfmonitoring.demoapi.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * The request body limit (quarkus.http.limits.max-body-size) with JSON answers. Quarkus enforces the same limit
 * itself, but answers 413 with an empty body; so a body that announces an oversize Content-Length is refused here,
 * just before Quarkus's check, and a streamed (chunked) body is left to {@link StreamedBodyLimit}, which counts it as
 * JAX-RS reads it.
 */
@ApplicationScoped
public class RequestBodyLimit {

    private final long maxBytes;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void enforceOn(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::rejectAnnouncedOversizeBody);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::leaveStreamedBodyLimitToJaxRs);
    }

    private void rejectAnnouncedOversizeBody(RoutingContext context) {
        String contentLength = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && announcedLength(contentLength) > maxBytes) {
            // The body stays unread, so the connection cannot carry another request.
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            ApiError.send(context, 413, BodyTooLargeException.message(maxBytes));
            return;
        }
        context.next();
    }

    /** Quarkus marks bodies without Content-Length for its own (empty) 413; StreamedBodyLimit answers instead. */
    private void leaveStreamedBodyLimitToJaxRs(RoutingContext context) {
        context.remove(VertxInputStream.MAX_REQUEST_SIZE_KEY);
        context.next();
    }

    private static long announcedLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
