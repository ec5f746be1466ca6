package dev.perfmonitoring.stack.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for demo-api on 127.0.0.1 (a free port): answers every Person route with a fixed status after a fixed
 * delay per route, which the test sets, and records every request as {@code "METHOD /path?query"}.
 */
final class PersonApiStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private PersonApiStub(HttpServer server) {
        this.server = server;
    }

    static PersonApiStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        PersonApiStub stub = new PersonApiStub(server);
        server.createContext("/", stub::answer);
        server.setExecutor(stub.threads);
        server.start();
        return stub;
    }

    /** How the stub answers a request name ({@code "GET /person/{id}"}); unset names get 200 at once. */
    PersonApiStub answer(String requestName, int status, Duration delay) {
        answers.put(requestName, new Answer(status, delay));
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod();
        requests.add(method + " " + uri);
        String route = uri.getPath().matches("/person/\\d+") ? "/person/{id}" : uri.getPath();
        Answer answer = answers.getOrDefault(method + " " + route, new Answer(200, Duration.ZERO));
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // one connection per request: the JDK server takes up to a second to serve a kept-alive connection again
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    private record Answer(int status, Duration delay) {
    }
}
