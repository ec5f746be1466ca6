package dev.perfmonitoring.demoapi;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many requests from several threads at once, over a pool of keep-alive connections (a Vert.x HTTP client: it sends
 * headers and body in one write, where the JDK client's two writes cost a delayed-ACK wait per request).
 */
public final class HttpLoad implements AutoCloseable {

    /** One answer: status, content type and body. */
    public record Answer(String request, int status, String contentType, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final int threads;

    public HttpLoad(URI base, int threads) {
        this.threads = threads;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setMaxPoolSize(threads));
    }

    /** Sends one request and waits for the whole answer; {@code contentType} and {@code body} may be null. */
    public Answer send(String method, String path, String contentType, String body) throws Exception {
        String request = method + " " + path;
        return client.request(HttpMethod.valueOf(method), path)
                .compose(outgoing -> {
                    if (contentType != null) {
                        outgoing.putHeader("Content-Type", contentType);
                    }
                    // The body is asked for in the same callback that receives the response, before it can arrive.
                    return (body == null ? outgoing.send() : outgoing.send(body))
                            .compose(response -> response.body().map(received -> new Answer(request,
                                    response.statusCode(), response.getHeader("Content-Type"), received.toString())));
                })
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Runs every task, {@code threads} at a time, and returns the results in task order; any failure fails all. */
    public <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> result : pool.invokeAll(tasks)) {
                try {
                    results.add(result.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a request failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
