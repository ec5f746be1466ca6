package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import dev.perfmonitoring.demoapi.service.WarmUp;
import dev.perfmonitoring.demoapi.service.WarmUpOver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.AsyncResult;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * prometric's HTTP metrics, measured around every request of the application port except the management endpoints:
 * http_requests_total{code,method,path}, http_status_code_total{code}, http_requests_in_progress{method} and
 * http_request_duration_seconds{method,path}. It runs first in the Vert.x router, so every answer counts - JAX-RS
 * errors, the 413 of the body limit and the 404 of unknown routes alike. Requests the client aborts before the answer
 * leave the in-progress gauge and are not counted. The start-up warm-up's requests count in series of their own, in a
 * registry nobody scrapes, until {@link WarmUpOver}.
 */
@ApplicationScoped
public class HttpRequestMetrics {

    /** Before the body-size checks (RequestBodyLimit's and Quarkus's own), so their 413 answers are measured too. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;

    /**
     * The API's operations and the answers each gives in normal use (and 500), registered at zero on start-up. A series
     * that first appears in the middle of a window loses its first count to {@code increase()} and {@code rate()}: a
     * load test's first requests, or a burst of errors that a single scrape saw, would be missing from every report and
     * dashboard. Other answers (405, unmatched routes) still appear when they first happen.
     */
    static final Map<RouteSeries, List<Integer>> API_ANSWERS = Map.of(
            new RouteSeries("POST", RouteTemplates.PERSON), List.of(201, 400, 413, 415, 500),
            new RouteSeries("GET", RouteTemplates.PERSON_LIST), List.of(200, 400, 500),
            new RouteSeries("GET", RouteTemplates.PERSON_BY_ID), List.of(200, 404, 500),
            new RouteSeries("PUT", RouteTemplates.PERSON_BY_ID), List.of(200, 400, 404, 413, 415, 500),
            new RouteSeries("DELETE", RouteTemplates.PERSON_BY_ID), List.of(204, 404, 500),
            new RouteSeries("GET", RouteTemplates.PERSONS_BY_ID), List.of(200, 404, 500));

    private final PersonMetrics personMetrics;
    private final boolean enabled;
    private final Meters real;
    private volatile Meters meters;

    public HttpRequestMetrics(MeterRegistry registry, PersonMetrics personMetrics, DemoApiConfig config, WarmUp warmUp) {
        this.personMetrics = personMetrics;
        this.enabled = config.metrics().enabled();
        this.real = new Meters(registry);
        this.meters = warmUp.isFinished() ? real : new Meters(WarmUpMeterRegistry.like(registry));
    }

    void measureRequestsOf(@Observes Router router) {
        if (enabled) {
            real.registerTheApiAtZero();
            meters.registerTheApiAtZero();
            router.route().order(ROUTE_ORDER).handler(this::measure);
        }
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
        Meters current = meters;
        RouteSeries route = new RouteSeries(RouteTemplates.method(context.request().method().name()),
                RouteTemplates.of(path));
        AtomicInteger running = current.inProgress(route.method());
        running.incrementAndGet();
        context.addEndHandler(ended -> {
            running.decrementAndGet();
            record(current, context, route, ended, System.nanoTime() - start);
        });
        context.next();
    }

    private void record(Meters current, RoutingContext context, RouteSeries route, AsyncResult<Void> ended, long nanos) {
        if (ended.failed()) {
            return;
        }
        int status = context.response().getStatusCode();
        current.requests(new RequestSeries(route, status)).increment();
        current.statusCode(status).increment();
        current.duration(route).record(nanos, TimeUnit.NANOSECONDS);
        if ("POST".equals(route.method()) && RouteTemplates.PERSON.equals(route.path()) && status != 413) {
            personMetrics.payloadReceived(context.request().bytesRead());
        }
    }

    /** The four metrics' series, registered in one registry as they first occur: the real one, or the warm-up's. */
    private static final class Meters {

        private final MeterRegistry registry;
        private final ConcurrentMap<RequestSeries, Counter> requests = new ConcurrentHashMap<>();
        private final ConcurrentMap<Integer, Counter> statusCodes = new ConcurrentHashMap<>();
        private final ConcurrentMap<RouteSeries, Timer> durations = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        void registerTheApiAtZero() {
            API_ANSWERS.forEach((route, statuses) -> {
                inProgress(route.method());
                duration(route);
                for (int status : statuses) {
                    requests(new RequestSeries(route, status));
                    statusCode(status);
                }
            });
        }

        AtomicInteger inProgress(String method) {
            return inProgress.computeIfAbsent(method, this::registerInProgress);
        }

        Counter requests(RequestSeries series) {
            return requests.computeIfAbsent(series, this::registerRequests);
        }

        Counter statusCode(int status) {
            return statusCodes.computeIfAbsent(status, this::registerStatusCode);
        }

        Timer duration(RouteSeries route) {
            return durations.computeIfAbsent(route, this::registerDuration);
        }

        private AtomicInteger registerInProgress(String method) {
            AtomicInteger running = new AtomicInteger();
            Gauge.builder("http.requests.in.progress", running, AtomicInteger::get)
                    .description("Number of HTTP requests currently being processed")
                    .tag("method", method)
                    .register(registry);
            return running;
        }

        private Counter registerRequests(RequestSeries series) {
            return Counter.builder("http.requests")
                    .description("Total number of HTTP requests processed, by status code, method and route template")
                    .tag("code", Integer.toString(series.status()))
                    .tag("method", series.route().method())
                    .tag("path", series.route().path())
                    .register(registry);
        }

        private Counter registerStatusCode(int status) {
            return Counter.builder("http.status.code")
                    .description("HTTP status codes answered")
                    .tag("code", Integer.toString(status))
                    .register(registry);
        }

        private Timer registerDuration(RouteSeries route) {
            return Timer.builder("http.request.duration")
                    .description("Histogram of HTTP request durations in seconds")
                    .tag("method", route.method())
                    .tag("path", route.path())
                    .serviceLevelObjectives(LatencyBuckets.BOUNDARIES)
                    .register(registry);
        }
    }

    record RouteSeries(String method, String path) {
    }

    private record RequestSeries(RouteSeries route, int status) {
    }
}
