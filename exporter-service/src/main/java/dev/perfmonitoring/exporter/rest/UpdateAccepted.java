package dev.perfmonitoring.exporter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Answer to every write.
 *
 * @param testid the run the update went to, null for the job-only group
 * @param pushed true when the update is already on the Pushgateway (sync mode), false when it will be pushed
 */
@RegisterForReflection
public record UpdateAccepted(String testid, boolean pushed) {
}
