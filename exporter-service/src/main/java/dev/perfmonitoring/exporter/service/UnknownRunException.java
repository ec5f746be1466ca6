package dev.perfmonitoring.exporter.service;

/** Neither this exporter nor the Pushgateway holds a run with this id (404). */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(RunKey key) {
        super("testid: no run " + key.testid() + " on this exporter or the Pushgateway");
    }
}
