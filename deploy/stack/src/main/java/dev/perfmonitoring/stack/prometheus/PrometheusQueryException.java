package dev.perfmonitoring.stack.prometheus;

/** A query or API call Prometheus answered with an error (a parse or execution error), with Prometheus's message. */
public final class PrometheusQueryException extends RuntimeException {

    public PrometheusQueryException(String query, String error) {
        super(error + " in query: " + query);
    }
}
