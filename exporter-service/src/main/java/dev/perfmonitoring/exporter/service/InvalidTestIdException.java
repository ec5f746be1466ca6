package dev.perfmonitoring.exporter.service;

/** A run id that is not safe as a label value and URL segment, or that differs between its sources (400). */
public class InvalidTestIdException extends RuntimeException {

    public InvalidTestIdException(String message) {
        super(message);
    }
}
