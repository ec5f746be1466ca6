package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The self-exercise that runs before the application reports ready: real requests over loopback to every API endpoint
 * (create, both reads, update, list, delete, and the 400 and 404 answers), so the HTTP stack, JSON binding, validation,
 * the store and the metrics are loaded, initialised and compiled before the first load test arrives. A cold JVM
 * otherwise serves its first seconds many times slower than its steady state, and a load test that starts on a fresh
 * pod measures the JIT compiler instead of the API.
 *
 * <p>It runs at least the configured rounds and then, on a JVM, until the JIT compilers have gone quiet (or the
 * configured longest warm-up has passed): on one or two cores a single C2 compiler thread works through a queue of
 * hot methods for many seconds, and readiness waits for it.
 *
 * <p>Warm-up requests take the very code paths real requests take: nothing tests per request whether it is one. While
 * it runs, the application serves nobody else (the gate holds other API requests), and the service, the metrics and
 * the simulated latency work on state of their own: a store, meters in a registry nobody scrapes, delays of at most a
 * millisecond. When it is over, {@link WarmUpOver} switches them to the real state, and only then are held requests let
 * through. A warm-up request that was told apart by a branch would leave that branch's other side uncompiled, and the
 * first real requests would throw away the compiled code of everything around it.
 */
@ApplicationScoped
public class WarmUp {

    /** The request header that marks a warm-up request; its value must be this process's token. */
    public static final String HEADER = "X-Demo-Api-Warm-Up";
    private static final int REQUESTS_PER_ROUND = 9;
    /**
     * The compilers count as quiet below this share of one second of wall time spent compiling, for this many seconds
     * in a row (one quiet second came 10 s into a 30 s warm-up once, ending it early).
     */
    static final double QUIET_COMPILER_SHARE = 0.05;
    private static final int QUIET_SECONDS = 3;
    private static final Duration COMPILER_WINDOW = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LoopbackHttpClient.Shape[] SHAPES = LoopbackHttpClient.Shape.values();
    private static final String BODY = "{\"first_name\": \"Warm\", \"last_name\": \"Up\", \"email\": \"warm@example.org\","
            + " \"address\": \"1 Loop Road\"}";

    private final String token = UUID.randomUUID().toString();
    private final DemoApiConfig.WarmUp config;
    private final Event<WarmUpOver> over;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicLong answered = new AtomicLong();

    public WarmUp(DemoApiConfig config, Event<WarmUpOver> over) {
        this.config = config.warmUp();
        this.over = over;
        if (!this.config.enabled()) {
            finished.complete(null);
        }
    }

    /** Whether the request carries this process's warm-up token. */
    public boolean isWarmUpToken(String headerValue) {
        return token.equals(headerValue);
    }

    /** Whether the warm-up is over (at once when it is switched off): the application serves real traffic. */
    public boolean isFinished() {
        return finished.isDone();
    }

    /** Completes when the warm-up is over, after {@link WarmUpOver} was observed. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** The warm-up requests answered so far, counted by complete rounds. */
    public long requestsAnswered() {
        return answered.get();
    }

    /** Runs the warm-up against the application port in a thread of its own, once. */
    public void start(String host, int port) {
        if (!config.enabled() || !started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            boolean complete = false;
            try {
                exercise(host, port);
                complete = true;
            } catch (RuntimeException e) {
                Log.warnf("Warm-up stopped early, the application is ready anyway: %s", e.getMessage());
            } finally {
                try {
                    over.fire(new WarmUpOver());
                } finally {
                    finished.complete(null);
                    if (config.thenExit()) {
                        Quarkus.asyncExit(complete ? 0 : 1);
                    }
                }
            }
        }, "demo-api-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void exercise(String host, int port) {
        long began = System.nanoTime();
        long deadline = began + config.maxDuration().toNanos();
        CompilerActivity compilers = new CompilerActivity(COMPILER_WINDOW, QUIET_COMPILER_SHARE);
        boolean untilCompiled = config.untilCompiled() && compilers.measurable();
        AtomicBoolean enough = new AtomicBoolean(!untilCompiled);
        ExecutorService pool = Executors.newFixedThreadPool(config.clients(), task -> {
            Thread thread = new Thread(task, "demo-api-warm-up-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < config.clients(); client++) {
                clients.add(pool.submit(() -> {
                    try (LoopbackHttpClient http = new LoopbackHttpClient(host, port, TIMEOUT)) {
                        for (int round = 0; round < config.rounds() || !enough.get(); round++) {
                            round(http, round);
                            answered.addAndGet(REQUESTS_PER_ROUND);
                        }
                    }
                    return null;
                }));
            }
            double share = Double.NaN;
            while (!clients.stream().allMatch(Future::isDone)) {
                Thread.sleep(100);
                double last = share;
                share = compilers.lastWindowShare();
                if (share != last) {
                    Log.debug(String.format(Locale.ROOT, "Warm-up: %d requests, JIT compilers busy %.0f %% of the last"
                            + " second", answered.get(), share * 100));
                }
                // A client that ended early failed: the others stop too.
                if (compilers.quietWindows() >= QUIET_SECONDS || System.nanoTime() - deadline > 0
                        || clients.stream().anyMatch(Future::isDone)) {
                    enough.set(true);
                }
            }
            // Every client ends before the warm-up does, failed or not: a warm-up request still in flight once the
            // warm-up is over would be served as a real one.
            RuntimeException failure = null;
            for (Future<?> client : clients) {
                try {
                    client.get();
                } catch (ExecutionException e) {
                    failure = new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            Log.infof("Warm-up: %d requests in %d ms%s", answered.get(), (System.nanoTime() - began) / 1_000_000,
                    !untilCompiled ? ""
                            : String.format(Locale.ROOT, ", JIT compilers busy %.0f %% of the last second%s",
                                    share * 100, compilers.quietWindows() >= QUIET_SECONDS ? ""
                                            : " (stopped at the longest warm-up)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    /** One request of each kind the API answers in normal use, all of one shape; the shapes take turns by round. */
    private void round(LoopbackHttpClient http, int round) {
        LoopbackHttpClient.Shape shape = SHAPES[round % SHAPES.length];
        String created = send(http, shape, "POST", "/person", BODY);
        int idAt = created.indexOf("\"id\":");
        if (idAt < 0) {
            return; // a store of a tiny capacity is full
        }
        String id = created.substring(idAt + 5, created.indexOf(',', idAt));
        send(http, shape, "GET", "/person/" + id, null);
        send(http, shape, "GET", "/persons/" + id, null);
        send(http, shape, "PUT", "/person/" + id, BODY);
        send(http, shape, "GET", "/person/list?limit=20", null);
        send(http, shape, "GET", "/person/0", null);
        send(http, shape, "POST", "/person", "{\"first_name\": \"\"}");
        send(http, shape, "DELETE", "/person/" + id, null);
        send(http, shape, "GET", "/person/list?limit=5&start=3", null);
    }

    private String send(LoopbackHttpClient http, LoopbackHttpClient.Shape shape, String method, String path,
            String body) {
        try {
            return http.exchange(shape, method, path, token, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        }
    }
}
