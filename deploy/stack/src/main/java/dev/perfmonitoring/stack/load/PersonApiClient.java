package dev.perfmonitoring.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** demo-api's Person endpoints as the scenarios call them; every call returns an {@link Outcome}, never throws. */
final class PersonApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI baseUrl;

    PersonApiClient(HttpClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** POST /person with a generated person; the new id goes to {@code persons}. */
    Outcome create(KnownPersons persons) {
        long n = ThreadLocalRandom.current().nextLong(1_000_000_000L);
        String body = "{\"first_name\":\"Load\",\"last_name\":\"Tester " + n + "\",\"email\":\"load" + n
                + "@example.com\",\"address\":\"" + n + " Benchmark Street\"}";
        Call call = send(request("/person").POST(HttpRequest.BodyPublishers.ofString(body)), Set.of(201));
        call.id().ifPresent(persons::add);
        return call.outcome();
    }

    /** GET /person/{id} of a random known person (404 is expected when a delete raced it). */
    Outcome getRandom(KnownPersons persons) {
        long id = persons.random().orElse(1);
        return send(request("/person/" + id).GET(), Set.of(200, 404)).outcome();
    }

    /** GET /person/list of a random page. */
    Outcome list(KnownPersons persons) {
        int start = persons.size() == 0 ? 0 : ThreadLocalRandom.current().nextInt(persons.size());
        return send(request("/person/list?start=" + start + "&limit=20").GET(), Set.of(200)).outcome();
    }

    /** PUT /person/{id} of a random known person. */
    Outcome updateRandom(KnownPersons persons) {
        long id = persons.random().orElse(1);
        String body = "{\"first_name\":\"Updated\",\"last_name\":\"Tester " + id + "\",\"email\":\"updated" + id
                + "@example.com\"}";
        return send(request("/person/" + id).PUT(HttpRequest.BodyPublishers.ofString(body)), Set.of(200, 404))
                .outcome();
    }

    /** DELETE /person/{id} of a random known person, which is forgotten. */
    Outcome deleteRandom(KnownPersons persons) {
        long id = persons.takeRandom().orElse(1);
        return send(request("/person/" + id).DELETE(), Set.of(204, 404)).outcome();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private Call send(HttpRequest.Builder request, Set<Integer> expected) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - start;
            Outcome outcome = new Outcome(response.statusCode(), latency, !expected.contains(response.statusCode()));
            return new Call(outcome, response.statusCode() == 201 ? idOf(response.body()) : OptionalLong.empty());
        } catch (IOException e) {
            return new Call(new Outcome(0, System.nanoTime() - start, true), OptionalLong.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(new Outcome(0, System.nanoTime() - start, true), OptionalLong.empty());
        }
    }

    private static OptionalLong idOf(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.canConvertToLong() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private record Call(Outcome outcome, OptionalLong id) {
    }
}
