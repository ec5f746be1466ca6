package dev.perfmonitoring.exporter;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the exporter. One thing happens before Quarkus starts: Quarkus's check of the request URI, which answers an
 * empty 400 before any route sees the request, is switched off ({@code vertx.disableURIValidation}), because it
 * refuses {@code GET //}: the concurrency controller's connection check against a monitoring URL with a trailing
 * slash ({@code http://exporter:8000/} + {@code /}). {@code rest.RequestUriCheck} does the same check as the first
 * route instead, with runs of leading slashes taken as one, and answers the usual JSON 400.
 */
@QuarkusMain
public final class ExporterMain {

    /** The system property Quarkus reads when it creates its HTTP request handler. */
    static final String DISABLE_QUARKUS_URI_VALIDATION = "vertx.disableURIValidation";

    private ExporterMain() {
    }

    public static void main(String... args) {
        System.setProperty(DISABLE_QUARKUS_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
