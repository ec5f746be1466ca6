package dev.perfmonitoring.demoapi.rest;

import java.io.IOException;

/**
 * A request body longer than quarkus.http.limits.max-body-size. An IOException, like any failure of the body stream,
 * so that the JSON parser reading the stream passes it on instead of reporting malformed JSON.
 */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long maxBytes) {
        super(message(maxBytes));
    }

    static String message(long maxBytes) {
        return "request body larger than " + maxBytes + " bytes";
    }
}
