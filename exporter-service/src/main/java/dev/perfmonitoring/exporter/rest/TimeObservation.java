package dev.perfmonitoring.exporter.rest;

import jakarta.validation.constraints.NotNull;

/** {@code POST /updateAvgTime} (milliseconds) and {@code POST /updateTime} (seconds). */
public record TimeObservation(@NotNull(message = "is required") @FiniteNonNegative Double time, String testid) {
}
