package dev.perfmonitoring.exporter.service;

/** A new run would exceed the runs kept in memory (409): the caller must delete finished runs first. */
public class TooManyRunsException extends RuntimeException {

    public TooManyRunsException(int maxRuns) {
        super("testid: at most " + maxRuns + " runs are kept (EXPORTER_MAX_RUNS); DELETE /runs/{testid} finished runs first");
    }
}
