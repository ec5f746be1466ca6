package dev.perfmonitoring.exposer.service;

/** {@code POST /events/{kind}} named a kind that does not exist. */
public class UnknownEventKindException extends RuntimeException {

    public UnknownEventKindException(String kind) {
        super("unknown event kind '" + kind + "'; known kinds: " + String.join(", ", EventKind.pathNames()));
    }
}
