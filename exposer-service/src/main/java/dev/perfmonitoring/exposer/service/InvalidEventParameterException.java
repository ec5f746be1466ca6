package dev.perfmonitoring.exposer.service;

/** An event was given a query parameter its kind does not take. */
public class InvalidEventParameterException extends RuntimeException {

    public InvalidEventParameterException(String message) {
        super(message);
    }
}
