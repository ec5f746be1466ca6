package dev.perfmonitoring.demoapi.rest;

import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * prometric's /metrics and a /health alias (/health, /health/live, /health/ready, /health/started) for Quarkus's
 * /q/metrics and /q/health endpoints, served wherever those are: on the application port by default, on the management
 * port when the management interface is enabled. The application port then answers the aliases with a JSON 404
 * that names the move.
 */
@ApplicationScoped
public class ManagementAliases {

    private static final String HEALTH_PATHS = "/health(/live|/ready|/started)?";

    private volatile boolean managementInterfaceEnabled;

    void aliasOnApplicationPort(@Observes Router router) {
        router.get("/metrics").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::forwardOnApplicationPort);
        router.getWithRegex(HEALTH_PATHS).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::forwardOnApplicationPort);
    }

    void aliasOnManagementPort(@Observes ManagementInterface management) {
        managementInterfaceEnabled = true;
        Router router = management.router();
        router.get("/metrics").handler(ManagementAliases::forward);
        router.getWithRegex(HEALTH_PATHS).handler(ManagementAliases::forward);
    }

    private void forwardOnApplicationPort(RoutingContext context) {
        if (managementInterfaceEnabled) {
            ApiError.send(context, 404, context.normalizedPath() + " is served on the management port");
        } else {
            forward(context);
        }
    }

    private static void forward(RoutingContext context) {
        context.reroute("/q" + context.normalizedPath());
    }
}
