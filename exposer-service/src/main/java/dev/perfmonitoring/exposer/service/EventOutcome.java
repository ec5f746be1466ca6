package dev.perfmonitoring.exposer.service;

/** What a triggered event did, for the caller to read. */
public record EventOutcome(String kind, String effect, long step) {
}
