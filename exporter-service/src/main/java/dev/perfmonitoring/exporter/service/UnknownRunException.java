package dev.perfmonitoring.exporter.service;

/** No run with this id was received by this exporter (404). */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(RunKey key) {
        super("testid: no run " + key.testid() + " on this exporter");
    }
}
