package dev.perfmonitoring.exporter.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body that announces a Content-Length over {@code quarkus.http.limits.max-body-size} gets 413 with the usual JSON
 * error, just before Quarkus's own check (which answers 413 with an empty body, as it still does for an oversize
 * chunked body without Content-Length).
 */
@ApplicationScoped
public class OversizeBodyFilter {

    private final long maxBytes;

    public OversizeBodyFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::rejectAnnouncedOversizeBody);
    }

    private void rejectAnnouncedOversizeBody(RoutingContext context) {
        String contentLength = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength == null || announcedLength(contentLength) <= maxBytes) {
            context.next();
            return;
        }
        // The body stays unread, so the connection cannot carry another request.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"body: larger than " + maxBytes + " bytes\",\"status\":413}");
    }

    private static long announcedLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
