package dev.perfmonitoring.demoapi.service;

/** The store holds its configured capacity of persons. */
public class StoreFullException extends RuntimeException {

    public StoreFullException(int capacity) {
        super("person store is full (capacity " + capacity + ")", null, false, false);
    }
}
