package dev.perfmonitoring.stack.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** demo-api's Person endpoints as the scenarios call them; every call returns an {@link Outcome}, never throws. */
final class PersonApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI baseUrl;

    PersonApiClient(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** POST /person with a generated person. */
    Outcome create() {
        long n = ThreadLocalRandom.current().nextLong(1_000_000_000L);
        String body = "{\"first_name\":\"Load\",\"last_name\":\"Tester " + n + "\",\"email\":\"load" + n
                + "@example.com\",\"address\":\"" + n + " Benchmark Street\"}";
        return send(request("/person").POST(HttpRequest.BodyPublishers.ofString(body)), Set.of(201));
    }

    /** GET /person/{id} (404 is expected: the id is random). */
    Outcome get(long id) {
        return send(request("/person/" + id).GET(), Set.of(200, 404));
    }

    /** GET /person/list of one page. */
    Outcome list(long start, long limit) {
        return send(request("/person/list?start=" + start + "&limit=" + limit).GET(), Set.of(200));
    }

    /** PUT /person/{id} (404 is expected: the id is random). */
    Outcome update(long id) {
        String body = "{\"first_name\":\"Updated\",\"last_name\":\"Tester " + id + "\",\"email\":\"updated" + id
                + "@example.com\"}";
        return send(request("/person/" + id).PUT(HttpRequest.BodyPublishers.ofString(body)), Set.of(200, 404));
    }

    /** DELETE /person/{id} (404 is expected: the id is random). */
    Outcome delete(long id) {
        return send(request("/person/" + id).DELETE(), Set.of(204, 404));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private Outcome send(HttpRequest.Builder request, Set<Integer> expected) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), System.nanoTime() - start,
                    !expected.contains(response.statusCode()));
        } catch (IOException e) {
            return new Outcome(0, System.nanoTime() - start, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, System.nanoTime() - start, true);
        }
    }
}
