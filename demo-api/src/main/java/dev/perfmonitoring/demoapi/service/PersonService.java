package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.metrics.PersonMetrics;
import dev.perfmonitoring.demoapi.service.SimulatedLatency.Operation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Person operations: the store, the simulated latency and the person_* counters. Ids come as the client sent them; one
 * that is no number names no person, like an unknown number, and counts in person_not_found_total the same way.
 * Requests of the start-up {@link WarmUp} use a store of their own, without delay or counters.
 */
@ApplicationScoped
public class PersonService {

    /** What {@link Long#valueOf(String)} may accept: checked first, so 404 spraying costs no exception per request. */
    private static final Pattern LONG = Pattern.compile("[+-]?[0-9]{1,19}");

    private final PersonStore store;
    private final PersonMetrics metrics;
    private final SimulatedLatency latency;
    private final WarmUp warmUp;
    private final PersonStore warmUpStore;

    public PersonService(PersonStore store, PersonMetrics metrics, SimulatedLatency latency, WarmUp warmUp) {
        this.store = store;
        this.metrics = metrics;
        this.latency = latency;
        this.warmUp = warmUp;
        this.warmUpStore = new PersonStore(store.capacity());
    }

    public Uni<Person> create(PersonDetails details) {
        if (warmUp.servesWarmUpRequest()) {
            return Uni.createFrom().item(() -> warmUpStore.add(details));
        }
        return latency.after(Operation.CREATE, () -> {
            Person person = store.add(details);
            metrics.personCreated();
            return person;
        });
    }

    public Uni<Person> get(String id) {
        if (warmUp.servesWarmUpRequest()) {
            return Uni.createFrom().item(() -> warmUpExisting(id, storedId(id).flatMap(warmUpStore::find)));
        }
        return latency.after(Operation.GET, () -> existing(id, storedId(id).flatMap(store::find)));
    }

    public Uni<Person> update(String id, PersonDetails details) {
        if (warmUp.servesWarmUpRequest()) {
            return Uni.createFrom().item(
                    () -> warmUpExisting(id, storedId(id).flatMap(number -> warmUpStore.replace(number, details))));
        }
        return latency.after(Operation.UPDATE,
                () -> existing(id, storedId(id).flatMap(number -> store.replace(number, details))));
    }

    public Uni<Void> delete(String id) {
        if (warmUp.servesWarmUpRequest()) {
            return Uni.createFrom().item(() -> {
                if (!storedId(id).map(warmUpStore::remove).orElse(false)) {
                    throw new PersonNotFoundException(id);
                }
                return null;
            });
        }
        return latency.after(Operation.DELETE, () -> {
            if (!storedId(id).map(store::remove).orElse(false)) {
                throw notFound(id);
            }
            metrics.personDeleted();
            return null;
        });
    }

    public Uni<PersonPage> list(int start, int limit) {
        if (warmUp.servesWarmUpRequest()) {
            return Uni.createFrom().item(() -> warmUpStore.page(start, limit));
        }
        return latency.after(Operation.LIST, () -> store.page(start, limit));
    }

    private Person existing(String id, Optional<Person> person) {
        return person.orElseThrow(() -> notFound(id));
    }

    private static Person warmUpExisting(String id, Optional<Person> person) {
        return person.orElseThrow(() -> new PersonNotFoundException(id));
    }

    /** The id as the store keys persons (a long, read as JAX-RS reads one); empty when it is no such number. */
    private static Optional<Long> storedId(String id) {
        if (!LONG.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.valueOf(id));
        } catch (NumberFormatException overflow) {
            return Optional.empty();
        }
    }

    private PersonNotFoundException notFound(String id) {
        metrics.personNotFound();
        return new PersonNotFoundException(id);
    }
}
