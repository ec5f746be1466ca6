package dev.perfmonitoring.demoapi.rest;

import dev.perfmonitoring.demoapi.metrics.PrometheusScrape;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * prometric's /metrics and a /health alias (/health, /health/live, /health/ready, /health/started) for Quarkus's
 * /q/metrics and /q/health, served wherever those are: on the application port by default, on the management port when
 * the management interface is enabled. The application port then answers the aliases with a JSON 404 that names the
 * move, and the management port answers unknown paths with a JSON 404 too (on the application port JAX-RS does).
 *
 * <p>Scrapes ({@code GET /metrics} and {@code GET /q/metrics}) are answered here, on the event loop, from the same
 * registry and with the same content negotiation as Quarkus's handler ({@link PrometheusScrape}), without its hop to a
 * worker thread and, for /metrics, without a second pass through the router (a reroute to /q/metrics).
 */
@ApplicationScoped
public class ManagementRoutes {

    /** Exact paths, not a regular expression: every API request passes these routes' tests. */
    private static final List<String> HEALTH_PATHS = List.of("/health", "/health/live", "/health/ready",
            "/health/started");
    private static final String SCRAPE_PATH = "/q/metrics";

    private final PrometheusScrape scrape;
    private volatile boolean managementInterfaceEnabled;

    public ManagementRoutes(PrometheusScrape scrape) {
        this.scrape = scrape;
    }

    void aliasOnApplicationPort(@Observes Router router) {
        router.get("/metrics").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::scrapeOnApplicationPort);
        router.get(SCRAPE_PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::scrapeOnApplicationPort);
        for (String health : HEALTH_PATHS) {
            router.get(health).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::forwardOnApplicationPort);
        }
    }

    void aliasOnManagementPort(@Observes ManagementInterface management) {
        managementInterfaceEnabled = true;
        Router router = management.router();
        router.get("/metrics").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serveScrape);
        router.get(SCRAPE_PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serveScrape);
        for (String health : HEALTH_PATHS) {
            router.get(health).handler(ManagementRoutes::forward);
        }
        router.route().order(Integer.MAX_VALUE)
                .handler(context -> ErrorBody.send(context, 404, "no route for " + context.normalizedPath()));
    }

    private void scrapeOnApplicationPort(RoutingContext context) {
        if (!managementInterfaceEnabled) {
            serveScrape(context);
        } else if (SCRAPE_PATH.equals(context.normalizedPath())) {
            context.next();
        } else {
            forwardOnApplicationPort(context);
        }
    }

    private void serveScrape(RoutingContext context) {
        String contentType = scrape.contentType(context.request().getHeader(HttpHeaders.ACCEPT));
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(scrape.scrape(contentType));
    }

    private void forwardOnApplicationPort(RoutingContext context) {
        if (managementInterfaceEnabled) {
            ErrorBody.send(context, 404, context.normalizedPath() + " is served on the management port");
        } else {
            forward(context);
        }
    }

    private static void forward(RoutingContext context) {
        context.reroute("/q" + context.normalizedPath());
    }
}
