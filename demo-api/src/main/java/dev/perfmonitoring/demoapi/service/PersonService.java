package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.metrics.PersonMetrics;
import dev.perfmonitoring.demoapi.service.SimulatedLatency.Operation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Person operations: the store, the simulated latency and the person_* counters. Ids come as the client sent them; one
 * that is no number names no person, like an unknown number, and counts in person_not_found_total the same way.
 * While the start-up {@link WarmUp} runs, its requests go to a store of their own (and the latency and counters to
 * theirs); {@link WarmUpOver} switches to the real one.
 */
@Singleton
public class PersonService {

    private final PersonStore realStore;
    private final PersonMetrics metrics;
    private final SimulatedLatency latency;
    private volatile PersonStore store;

    public PersonService(PersonStore store, PersonMetrics metrics, SimulatedLatency latency, WarmUp warmUp) {
        this.realStore = store;
        this.metrics = metrics;
        this.latency = latency;
        this.store = warmUp.isFinished() ? store : new PersonStore(store.capacity());
    }

    void serveRealTraffic(@Observes WarmUpOver over) {
        store = realStore;
    }

    public Uni<Person> create(PersonDetails details) {
        PersonStore persons = store;
        return latency.after(Operation.CREATE, () -> {
            Person person = persons.add(details);
            metrics.personCreated();
            return person;
        });
    }

    public Uni<Person> get(String id) {
        PersonStore persons = store;
        return latency.after(Operation.GET, () -> existing(id, storedId(id).flatMap(persons::find)));
    }

    public Uni<Person> update(String id, PersonDetails details) {
        PersonStore persons = store;
        return latency.after(Operation.UPDATE,
                () -> existing(id, storedId(id).flatMap(number -> persons.replace(number, details))));
    }

    public Uni<Void> delete(String id) {
        PersonStore persons = store;
        return latency.after(Operation.DELETE, () -> {
            if (!storedId(id).map(persons::remove).orElse(false)) {
                throw notFound(id);
            }
            metrics.personDeleted();
            return null;
        });
    }

    public Uni<PersonPage> list(int start, int limit) {
        PersonStore persons = store;
        return latency.after(Operation.LIST, () -> persons.page(start, limit));
    }

    private Person existing(String id, Optional<Person> person) {
        return person.orElseThrow(() -> notFound(id));
    }

    /** The id as the store keys persons (a long, read as JAX-RS reads one); empty when it is no such number. */
    private static Optional<Long> storedId(String id) {
        if (!isLongLiteral(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.valueOf(id));
        } catch (NumberFormatException overflow) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@link Long#valueOf(String)} may accept {@code id} (a sign, then 1 to 19 digits): checked first, so 404
     * spraying costs no exception per request. Any other id names no person.
     */
    public static boolean isLongLiteral(String id) {
        int first = !id.isEmpty() && (id.charAt(0) == '+' || id.charAt(0) == '-') ? 1 : 0;
        int digits = id.length() - first;
        if (digits < 1 || digits > 19) {
            return false;
        }
        for (int i = first; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private PersonNotFoundException notFound(String id) {
        metrics.personNotFound();
        return new PersonNotFoundException(id);
    }
}
