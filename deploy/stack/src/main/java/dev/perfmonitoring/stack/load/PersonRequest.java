package dev.perfmonitoring.stack.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The requests a scenario of the file can send, by the name the file gives them (the k6 {@code tags.name} of the
 * request, a demo-api route template). The k6 script maps the same names to its functions
 * ({@code EXEC_BY_REQUEST}).
 */
enum PersonRequest {

    /** {@code createPerson()}: a new person. */
    CREATE("POST /person") {
        @Override
        Outcome send(PersonApiClient client, ScenarioPlan plan) {
            return client.create();
        }
    },
    /** {@code updatePerson()}: a random id (404 expected). */
    UPDATE("PUT /person/{id}") {
        @Override
        Outcome send(PersonApiClient client, ScenarioPlan plan) {
            return client.update(plan.ids().randomId());
        }
    },
    /** {@code deletePerson()}: a random id (404 expected). */
    DELETE("DELETE /person/{id}") {
        @Override
        Outcome send(PersonApiClient client, ScenarioPlan plan) {
            return client.delete(plan.ids().randomId());
        }
    },
    /** {@code getPerson()}: a random id (404 expected). */
    GET("GET /person/{id}") {
        @Override
        Outcome send(PersonApiClient client, ScenarioPlan plan) {
            return client.get(plan.ids().randomId());
        }
    },
    /** {@code listPersons()}: a page of the file's size at a random start. */
    LIST("GET /person/list") {
        @Override
        Outcome send(PersonApiClient client, ScenarioPlan plan) {
            return client.list(plan.ids().randomStart(), plan.listPageSize());
        }
    };

    private final String requestName;

    PersonRequest(String requestName) {
        this.requestName = requestName;
    }

    /** The request's name in the scenario file and in k6's {@code name} tag. */
    String requestName() {
        return requestName;
    }

    /** One iteration: the request, its outcome. */
    abstract Outcome send(PersonApiClient client, ScenarioPlan plan);

    static PersonRequest named(String requestName) {
        return Arrays.stream(values())
                .filter(request -> request.requestName.equals(requestName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown request \"" + requestName + "\" (known: "
                        + Arrays.stream(values()).map(PersonRequest::requestName).collect(Collectors.joining(", "))
                        + ")"));
    }
}
