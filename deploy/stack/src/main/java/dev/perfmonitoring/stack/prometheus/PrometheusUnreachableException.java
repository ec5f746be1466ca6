package dev.perfmonitoring.stack.prometheus;

import java.net.URI;

/** No Prometheus answered at a URL: nothing listening, a timeout, or an answer that is not Prometheus's API. */
public final class PrometheusUnreachableException extends RuntimeException {

    public PrometheusUnreachableException(URI baseUrl, String cause) {
        super("no Prometheus answers at " + baseUrl + ": " + cause);
    }
}
