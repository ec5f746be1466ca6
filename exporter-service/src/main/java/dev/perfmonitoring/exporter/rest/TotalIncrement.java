package dev.perfmonitoring.exporter.rest;

import jakarta.validation.constraints.NotNull;

/** {@code POST /updateTotal}: requests to add to the run's overall total. */
public record TotalIncrement(@NotNull(message = "is required") @FiniteNonNegative Double totalReq, String testid) {
}
