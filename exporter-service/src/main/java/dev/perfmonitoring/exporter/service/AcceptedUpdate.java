package dev.perfmonitoring.exporter.service;

/**
 * An update applied to a group.
 *
 * @param group    the group that holds it
 * @param sequence its number among the group's accepted updates (1, 2, ...): pushed once a push carried that many
 */
public record AcceptedUpdate(RunGroup group, long sequence) {
}
