package dev.perfmonitoring.exporter.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The first route of every request: a request URI that is not a valid URI gets a JSON 400 (Quarkus's own check is
 * switched off by {@code ExporterMain}, see there), except that a run of leading slashes counts as one. So
 * {@code GET //}, {@code POST //pushMetrics} and {@code GET //runs} are {@code GET /}, {@code POST /pushMetrics} and
 * {@code GET /runs}, as the routes match on Vert.x's normalized path, where doubled slashes are one.
 */
@ApplicationScoped
public class RequestUriCheck {

    void checkFirst(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestUriCheck::check);
    }

    private static void check(RoutingContext context) {
        String uri = context.request().uri();
        try {
            new URI(uri.startsWith("//") ? uri.replaceFirst("^/+", "/") : uri);
        } catch (URISyntaxException e) {
            ErrorBody.send(context, 400, "request URI: " + e.getReason() + " at index " + e.getIndex());
            return;
        }
        context.next();
    }
}
