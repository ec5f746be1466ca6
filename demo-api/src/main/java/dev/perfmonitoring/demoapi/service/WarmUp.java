package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The self-exercise that runs before the application reports ready: a few thousand real requests over loopback to every
 * API endpoint (create, both reads, update, list, delete, and the 400 and 404 answers), so the HTTP stack, JSON
 * binding, validation and the store are loaded, initialised and compiled before the first load test arrives. A cold
 * JVM otherwise serves its first second many times slower than its steady state, and a load test that starts on a
 * fresh pod measures the JIT compiler instead of the API.
 *
 * <p>Warm-up requests carry a header with a token drawn at start-up; they go to a store of their own, skip the
 * simulated latency and the prometric metrics, so they leave no person behind and count nowhere a user looks (the HTTP
 * metrics Quarkus records for them are removed when the warm-up ends: {@code WarmUpMetrics}).
 */
@ApplicationScoped
public class WarmUp {

    /** The request header that marks a warm-up request; its value must be this process's token. */
    public static final String HEADER = "X-Demo-Api-Warm-Up";
    private static final String CONTEXT_KEY = "demo-api.warm-up";
    private static final int REQUESTS_PER_ROUND = 9;
    private static final String BODY = "{\"first_name\": \"Warm\", \"last_name\": \"Up\", \"email\": \"warm@example.org\","
            + " \"address\": \"1 Loop Road\"}";

    private final String token = UUID.randomUUID().toString();
    private final boolean enabled;
    private final int rounds;
    private final int clients;
    private final boolean thenExit;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    public WarmUp(DemoApiConfig config) {
        this.enabled = config.warmUp().enabled();
        this.rounds = config.warmUp().rounds();
        this.clients = config.warmUp().clients();
        this.thenExit = config.warmUp().thenExit();
        if (!enabled) {
            finished.complete(null);
        }
    }

    /** Whether the request carries this process's warm-up token. */
    public boolean isWarmUpToken(String headerValue) {
        return token.equals(headerValue);
    }

    /** Marks the request served on the current Vert.x (duplicated) context as a warm-up request. */
    public void markCurrentRequest() {
        ContextLocals.put(CONTEXT_KEY, Boolean.TRUE);
    }

    /** Whether the request served on the current Vert.x context is a warm-up request (never once it is over). */
    public boolean servesWarmUpRequest() {
        if (finished.isDone()) {
            return false;
        }
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) && ContextLocals.get(CONTEXT_KEY).isPresent();
    }

    public boolean isFinished() {
        return finished.isDone();
    }

    /** Completes when the warm-up is over (at once when it is switched off). */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Runs the warm-up against the application port in a thread of its own, once; {@code afterwards} runs before the
     * warm-up counts as finished.
     */
    public void start(String host, int port, Runnable afterwards) {
        if (!enabled || !started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            long began = System.nanoTime();
            boolean complete = false;
            try {
                exercise(URI.create("http://" + host + ":" + port));
                complete = true;
                Log.infof("Warm-up: %d requests in %d ms", rounds * clients * REQUESTS_PER_ROUND,
                        (System.nanoTime() - began) / 1_000_000);
            } catch (RuntimeException e) {
                Log.warnf("Warm-up stopped early, the application is ready anyway: %s", e.getMessage());
            } finally {
                try {
                    afterwards.run();
                } finally {
                    finished.complete(null);
                    if (thenExit) {
                        Quarkus.asyncExit(complete ? 0 : 1);
                    }
                }
            }
        }, "demo-api-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void exercise(URI base) {
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "demo-api-warm-up-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        round(base);
                    }
                }));
            }
            // Every client ends before the warm-up does, failed or not: a warm-up request still in flight once the
            // warm-up is over would be served as a real one.
            RuntimeException failure = null;
            for (Future<?> client : done) {
                try {
                    client.get();
                } catch (ExecutionException e) {
                    failure = new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    /** One request of each kind the API answers in normal use. */
    private void round(URI base) {
        String created = send(base, "POST", "/person", BODY);
        int idAt = created.indexOf("\"id\":");
        if (idAt < 0) {
            return; // a store of a tiny capacity is full
        }
        String id = created.substring(idAt + 5, created.indexOf(',', idAt));
        send(base, "GET", "/person/" + id, null);
        send(base, "GET", "/persons/" + id, null);
        send(base, "PUT", "/person/" + id, BODY);
        send(base, "GET", "/person/list?limit=20", null);
        send(base, "GET", "/person/0", null);
        send(base, "POST", "/person", "{\"first_name\": \"\"}");
        send(base, "DELETE", "/person/" + id, null);
        send(base, "GET", "/person/list?limit=5&start=3", null);
    }

    private String send(URI base, String method, String path, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setRequestProperty(HEADER, token);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(5_000);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        }
    }
}
