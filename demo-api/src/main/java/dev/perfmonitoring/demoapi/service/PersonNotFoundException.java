package dev.perfmonitoring.demoapi.service;

/** No person has the requested id. Thrown often under 404 spraying, so it carries no stack trace. */
public class PersonNotFoundException extends RuntimeException {

    public PersonNotFoundException(long id) {
        super("person " + id + " not found", null, false, false);
    }
}
