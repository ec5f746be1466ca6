package dev.perfmonitoring.demoapi.service;

import java.time.Instant;

/** A stored person, as the API returns it (JSON fields in snake_case, as prometric). */
public record Person(long id, String firstName, String lastName, String email, String address, Timestamp createdAt,
        Timestamp updatedAt) {

    static Person created(long id, PersonDetails details, Instant now) {
        Timestamp created = Timestamp.of(now);
        return new Person(id, details.firstName(), details.lastName(), details.email(), details.address(), created,
                created);
    }

    Person updated(PersonDetails details, Instant now) {
        return new Person(id, details.firstName(), details.lastName(), details.email(), details.address(), createdAt,
                Timestamp.of(now));
    }
}
