package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.metrics.PersonMetrics;
import dev.perfmonitoring.demoapi.service.SimulatedLatency.Operation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Person operations: the store, the simulated latency and the person_* counters. */
@ApplicationScoped
public class PersonService {

    private final PersonStore store;
    private final PersonMetrics metrics;
    private final SimulatedLatency latency;

    public PersonService(PersonStore store, PersonMetrics metrics, SimulatedLatency latency) {
        this.store = store;
        this.metrics = metrics;
        this.latency = latency;
    }

    public Uni<Person> create(PersonDetails details) {
        return latency.after(Operation.CREATE, () -> {
            Person person = store.add(details);
            metrics.personCreated();
            return person;
        });
    }

    public Uni<Person> get(long id) {
        return latency.after(Operation.GET, () -> existing(id, store.find(id)));
    }

    public Uni<Person> update(long id, PersonDetails details) {
        return latency.after(Operation.UPDATE, () -> existing(id, store.replace(id, details)));
    }

    public Uni<Void> delete(long id) {
        return latency.after(Operation.DELETE, () -> {
            if (!store.remove(id)) {
                throw notFound(id);
            }
            metrics.personDeleted();
            return null;
        });
    }

    public Uni<PersonPage> list(int start, int limit) {
        return latency.after(Operation.LIST, () -> store.page(start, limit));
    }

    private Person existing(long id, Optional<Person> person) {
        return person.orElseThrow(() -> notFound(id));
    }

    private PersonNotFoundException notFound(long id) {
        metrics.personNotFound();
        return new PersonNotFoundException(id);
    }
}
