package dev.perfmonitoring.demoapi.service;

/**
 * Fired once, synchronously, when the start-up {@link WarmUp} is over and before any held request is let through:
 * observers switch from the warm-up's state of their own to the real one.
 */
public record WarmUpOver() {
}
