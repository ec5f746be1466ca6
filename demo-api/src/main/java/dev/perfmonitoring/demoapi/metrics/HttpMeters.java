package dev.perfmonitoring.demoapi.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The HTTP meters of one registry (the real one, or the warm-up's), each series registered when it first occurs and
 * then found without building tags: prometric's http_requests_total, http_status_code_total, http_requests_in_progress
 * and http_request_duration_seconds (in {@code prometric}: a memberless registry when they are switched off), and the
 * request metrics of Quarkus's HTTP server binder under its names and labels (http_server_requests_seconds,
 * http_server_active_requests, http_server_bytes_read and _written), which that binder looked up by tags on every
 * request.
 */
final class HttpMeters {

    private final MeterRegistry server;
    private final MeterRegistry prometric;
    private final ConcurrentMap<String, ConcurrentMap<String, RouteMeters>> routes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Counter> statusCodes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, ServerMeters> servers = new ConcurrentHashMap<>();
    private volatile ServerMeters lastServer;

    HttpMeters(MeterRegistry server, MeterRegistry prometric) {
        this.server = server;
        this.prometric = prometric;
    }

    /** Registers prometric's series of the API's answers at zero: see {@link HttpRequestMetrics#API_ANSWERS}. */
    void registerTheApiAtZero() {
        HttpRequestMetrics.API_ANSWERS.forEach((route, statuses) -> {
            RouteMeters meters = route(route.method(), route.path());
            for (int status : statuses) {
                meters.prometricCounters(status);
            }
        });
    }

    /** The meters of a route: {@code method} and {@code path} are bounded label values (see {@link RouteTemplates}). */
    RouteMeters route(String method, String path) {
        return routes.computeIfAbsent(method, any -> new ConcurrentHashMap<>())
                .computeIfAbsent(path, any -> new RouteMeters(method, path));
    }

    /** The meters of the server listening on {@code port} (one, unless a management port is built in). */
    ServerMeters server(int port, String scheme) {
        ServerMeters last = lastServer;
        if (last == null || last.port != port) {
            last = servers.computeIfAbsent(port, any -> new ServerMeters(port, scheme));
            lastServer = last;
        }
        return last;
    }

    private AtomicInteger inProgress(String method) {
        return inProgress.computeIfAbsent(method, any -> {
            AtomicInteger running = new AtomicInteger();
            Gauge.builder("http.requests.in.progress", running, AtomicInteger::get)
                    .description("Number of HTTP requests currently being processed")
                    .tag("method", method)
                    .register(prometric);
            return running;
        });
    }

    private Counter statusCode(int status) {
        return statusCodes.computeIfAbsent(status, any -> Counter.builder("http.status.code")
                .description("HTTP status codes answered")
                .tag("code", Integer.toString(status))
                .register(prometric));
    }

    /** One route's meters: its requests in progress, its duration histogram, and its series per status code. */
    final class RouteMeters {

        /** Status codes are three digits: a slot for each, found by index. */
        private static final int STATUS_SLOTS = 1000;

        private final String method;
        private final String path;
        private final AtomicInteger running;
        private final Timer duration;
        private final AtomicReferenceArray<StatusMeters> byStatus = new AtomicReferenceArray<>(STATUS_SLOTS);

        private RouteMeters(String method, String path) {
            this.method = method;
            this.path = path;
            this.running = inProgress(method);
            this.duration = Timer.builder("http.request.duration")
                    .description("Histogram of HTTP request durations in seconds")
                    .tag("method", method)
                    .tag("path", path)
                    .serviceLevelObjectives(LatencyBuckets.BOUNDARIES)
                    .register(prometric);
        }

        void begin() {
            running.incrementAndGet();
        }

        void end() {
            running.decrementAndGet();
        }

        /** Records an answer: counted, and timed in both duration histograms. */
        void answered(int status, long nanos) {
            StatusMeters meters = status(status);
            meters.requests.increment();
            meters.statusCode.increment();
            meters.serverRequests.record(nanos, TimeUnit.NANOSECONDS);
            duration.record(nanos, TimeUnit.NANOSECONDS);
        }

        boolean is(String method, String path) {
            return this.method.equals(method) && this.path.equals(path);
        }

        /** Registers prometric's two counters of an answer (at zero until it occurs). */
        private void prometricCounters(int status) {
            requests(status);
            statusCode(status);
        }

        private Counter requests(int status) {
            return Counter.builder("http.requests")
                    .description("Total number of HTTP requests processed, by status code, method and route template")
                    .tag("code", Integer.toString(status))
                    .tag("method", method)
                    .tag("path", path)
                    .register(prometric);
        }

        private StatusMeters status(int status) {
            if (status < 0 || status >= STATUS_SLOTS) {
                return new StatusMeters(status);
            }
            StatusMeters meters = byStatus.get(status);
            if (meters == null) {
                byStatus.compareAndSet(status, null, new StatusMeters(status));
                meters = byStatus.get(status);
            }
            return meters;
        }

        /** The counters of one route and status, and Quarkus's timer of them (registered with its first answer). */
        private final class StatusMeters {

            private final Counter requests;
            private final Counter statusCode;
            private final Timer serverRequests;

            StatusMeters(int status) {
                this.requests = requests(status);
                this.statusCode = statusCode(status);
                this.serverRequests = Timer.builder("http.server.requests")
                        .description("HTTP server request processing time")
                        .tag("method", method)
                        .tag("outcome", Outcome.forStatus(status).name())
                        .tag("status", Integer.toString(status))
                        .tag("uri", RouteTemplates.serverUri(path, status))
                        .serviceLevelObjectives(LatencyBuckets.BOUNDARIES)
                        .register(server);
            }
        }
    }

    /**
     * One server's meters: its requests in progress, and the bytes of each request's body and each answer's body (one
     * observation per body; Vert.x reported them to the binder per network write, one for a body this API sends).
     */
    final class ServerMeters {

        private final int port;
        private final AtomicInteger running = new AtomicInteger();
        private final DistributionSummary bytesRead;
        private final DistributionSummary bytesWritten;

        private ServerMeters(int port, String scheme) {
            this.port = port;
            String serverPort = Integer.toString(port);
            Gauge.builder("http.server.active.requests", running, AtomicInteger::get)
                    .tag("server.port", serverPort)
                    .tag("url.scheme", scheme)
                    .register(server);
            this.bytesRead = DistributionSummary.builder("http.server.bytes.read")
                    .description("Number of bytes received by the server")
                    .tag("server.port", serverPort)
                    .register(server);
            this.bytesWritten = DistributionSummary.builder("http.server.bytes.written")
                    .description("Number of bytes sent by the server")
                    .tag("server.port", serverPort)
                    .register(server);
        }

        void begin() {
            running.incrementAndGet();
        }

        void end() {
            running.decrementAndGet();
        }

        /** Records the bytes of a request's body and its answer's, each when there was one (as the binder does). */
        void transferred(long read, long written) {
            if (read > 0) {
                bytesRead.record(read);
            }
            if (written > 0) {
                bytesWritten.record(written);
            }
        }
    }
}
