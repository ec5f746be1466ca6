package dev.perfmonitoring.exporter.service;

/** The Pushgateway refused or did not answer an operation that cannot be deferred, such as a delete (503). */
public class PushgatewayUnavailableException extends RuntimeException {

    public PushgatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
