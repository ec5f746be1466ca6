package dev.perfmonitoring.demoapi.rest;

import dev.perfmonitoring.demoapi.metrics.RouteTemplates;
import dev.perfmonitoring.demoapi.service.WarmUp;
import dev.perfmonitoring.demoapi.service.WarmUpOver;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the {@link WarmUp} once the application port listens, and keeps real traffic away from it: API requests from
 * elsewhere that arrive before it is over wait for it (a Kubernetes Service sends none before readiness; a client that
 * does not wait gets its answer a moment later, and its request is counted like any other). Scrapes and probes are never
 * held. The gate leaves the router when the warm-up is over: real requests pass no test of theirs.
 */
@ApplicationScoped
public class WarmUpGate {

    /** First in the router: before the HTTP metrics and the body limit. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3;

    private final WarmUp warmUp;
    private volatile Route gate;

    public WarmUpGate(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    void guard(@Observes Router router) {
        if (!warmUp.isFinished()) {
            gate = router.route().order(ROUTE_ORDER).handler(this::pass);
        }
    }

    void open(@Observes WarmUpOver over) {
        Route route = gate;
        if (route != null) {
            route.remove();
        }
    }

    void warmUpOnceListening(@ObservesAsync HttpServerStart start) {
        HttpServerOptions options = start.options();
        if (options.isSsl()) {
            return;
        }
        int port = options.getPort() > 0 ? options.getPort()
                : ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        String host = options.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        warmUp.start(host, port);
    }

    private void pass(RoutingContext context) {
        if (warmUp.isFinished()) {
            context.next();
        } else if (warmUp.isWarmUpToken(context.request().getHeader(WarmUp.HEADER))) {
            context.next();
        } else if (RouteTemplates.isManagement(context.normalizedPath())) {
            context.next();
        } else {
            Context requestContext = Vertx.currentContext();
            warmUp.finished().thenRun(() -> requestContext.runOnContext(ignored -> context.next()));
        }
    }
}
