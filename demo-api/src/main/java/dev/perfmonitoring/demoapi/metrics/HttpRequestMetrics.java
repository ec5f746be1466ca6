package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import dev.perfmonitoring.demoapi.service.WarmUp;
import dev.perfmonitoring.demoapi.service.WarmUpOver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * The HTTP metrics, measured around every request of the application port except the management endpoints:
 * prometric's http_requests_total{code,method,path}, http_status_code_total{code}, http_requests_in_progress{method}
 * and http_request_duration_seconds{method,path}, and the request metrics of Quarkus's HTTP server binder
 * (http_server_requests_seconds{method,outcome,status,uri}, http_server_active_requests, http_server_bytes_read and
 * _written), which this application switches off: it looked its timer up by tags for every request, a fifth of the
 * server's CPU time on a GET. It runs first in the Vert.x router, so every answer counts - JAX-RS errors, the 413 of the
 * body limit and the 404 of unknown routes alike. Requests the client aborts before the answer leave the in-progress
 * gauges and are not counted. The start-up warm-up's requests count in series of their own, in a registry nobody
 * scrapes, until {@link WarmUpOver}.
 */
@ApplicationScoped
public class HttpRequestMetrics {

    /** Before the body-size checks (RequestBodyLimit's and Quarkus's own), so their 413 answers are measured too. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

    /**
     * The API's operations and the answers each gives in normal use (and 500), registered at zero on start-up in
     * prometric's counters. A series that first appears in the middle of a window loses its first count to
     * {@code increase()} and {@code rate()}: a load test's first requests, or a burst of errors that a single scrape
     * saw, would be missing from every report and dashboard. Other answers (405, unmatched routes) still appear when they
     * first happen, and http_server_requests_seconds series with their first request, as Quarkus's binder registers them.
     */
    static final Map<RouteSeries, List<Integer>> API_ANSWERS = Map.of(
            new RouteSeries("POST", RouteTemplates.PERSON), List.of(201, 400, 413, 415, 500),
            new RouteSeries("GET", RouteTemplates.PERSON_LIST), List.of(200, 400, 500),
            new RouteSeries("GET", RouteTemplates.PERSON_BY_ID), List.of(200, 404, 500),
            new RouteSeries("PUT", RouteTemplates.PERSON_BY_ID), List.of(200, 400, 404, 413, 415, 500),
            new RouteSeries("DELETE", RouteTemplates.PERSON_BY_ID), List.of(204, 404, 500),
            new RouteSeries("GET", RouteTemplates.PERSONS_BY_ID), List.of(200, 404, 500));

    private final PersonMetrics personMetrics;
    private final HttpMeters real;
    private volatile HttpMeters meters;

    public HttpRequestMetrics(MeterRegistry registry, PersonMetrics personMetrics, DemoApiConfig config, WarmUp warmUp) {
        this.personMetrics = personMetrics;
        boolean prometric = config.metrics().enabled();
        this.real = new HttpMeters(registry, prometric ? registry : new CompositeMeterRegistry());
        if (warmUp.isFinished()) {
            this.meters = real;
        } else {
            MeterRegistry warmUpRegistry = WarmUpMeterRegistry.like(registry);
            this.meters = new HttpMeters(warmUpRegistry, prometric ? warmUpRegistry : new CompositeMeterRegistry());
        }
    }

    void measureRequestsOf(@Observes Router router) {
        real.registerTheApiAtZero();
        meters.registerTheApiAtZero();
        router.route().order(ROUTE_ORDER).handler(this::measure);
    }

    void serveRealTraffic(@Observes WarmUpOver over) {
        meters = real;
    }

    private void measure(RoutingContext context) {
        String path = context.normalizedPath();
        if (RouteTemplates.isManagement(path)) {
            context.next();
            return;
        }
        long start = System.nanoTime();
        HttpServerRequest request = context.request();
        HttpMeters current = meters;
        HttpMeters.RouteMeters route = current.route(RouteTemplates.method(request.method().name()),
                RouteTemplates.of(path));
        HttpMeters.ServerMeters server = current.server(request.localAddress().port(), request.scheme());
        route.begin();
        server.begin();
        context.addEndHandler(ended -> {
            route.end();
            server.end();
            if (ended.succeeded()) {
                int status = context.response().getStatusCode();
                route.answered(status, System.nanoTime() - start);
                server.transferred(request.bytesRead(), context.response().bytesWritten());
                if (status != 413 && route.is("POST", RouteTemplates.PERSON)) {
                    personMetrics.payloadReceived(request.bytesRead());
                }
            }
        });
        context.next();
    }

    record RouteSeries(String method, String path) {
    }
}
