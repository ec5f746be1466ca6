package dev.perfmonitoring.demoapi.service;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe in-memory persons, ordered by id, with a capacity. The count is kept apart from the map (whose size()
 * walks every entry) and moves only together with a successful insert or removal.
 */
@Singleton
public class PersonStore {

    private final ConcurrentNavigableMap<Long, Person> persons = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final int capacity;

    @Inject
    public PersonStore(DemoApiConfig config) {
        this(config.store().capacity());
    }

    /** A store of its own, such as the warm-up's. */
    PersonStore(int capacity) {
        this.capacity = capacity;
    }

    /** Stores a new person with the next id, or throws {@link StoreFullException} when the store is at capacity. */
    public Person add(PersonDetails details) {
        reserveSlot();
        Person person = Person.created(lastId.incrementAndGet(), details, Instant.now());
        persons.put(person.id(), person);
        return person;
    }

    public Optional<Person> find(long id) {
        return Optional.ofNullable(persons.get(id));
    }

    /** Replaces the details of an existing person, keeping its id and creation time. */
    public Optional<Person> replace(long id, PersonDetails details) {
        return Optional.ofNullable(persons.computeIfPresent(id, (key, old) -> old.updated(details, Instant.now())));
    }

    public boolean remove(long id) {
        if (persons.remove(id) == null) {
            return false;
        }
        count.decrementAndGet();
        return true;
    }

    /** Persons in id order, skipping the first {@code start}. */
    public PersonPage page(int start, int limit) {
        List<Person> page = persons.values().stream().skip(start).limit(limit).toList();
        return new PersonPage(count(), start, limit, page);
    }

    public int count() {
        return count.get();
    }

    public int capacity() {
        return capacity;
    }

    private void reserveSlot() {
        int current;
        do {
            current = count.get();
            if (current >= capacity) {
                throw new StoreFullException(capacity);
            }
        } while (!count.compareAndSet(current, current + 1));
    }
}
