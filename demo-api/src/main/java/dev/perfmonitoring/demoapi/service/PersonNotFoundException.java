package dev.perfmonitoring.demoapi.service;

/** No person has the requested id. Thrown often under 404 spraying, so it carries no stack trace. */
public class PersonNotFoundException extends RuntimeException {

    /** Longest id quoted in the message; longer ones are cut. */
    private static final int QUOTED_ID_LENGTH = 64;

    public PersonNotFoundException(String id) {
        super("person " + quoted(id) + " not found", null, false, false);
    }

    private static String quoted(String id) {
        return id.length() <= QUOTED_ID_LENGTH ? id : id.substring(0, QUOTED_ID_LENGTH) + "...";
    }
}
