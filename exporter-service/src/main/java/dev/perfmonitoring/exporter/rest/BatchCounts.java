package dev.perfmonitoring.exporter.rest;

import jakarta.validation.constraints.NotNull;

/** {@code POST /addBatchWise}: the latest batch, as the original controller sends it. */
@RequestCounts.WithinTotal
public record BatchCounts(
        @NotNull(message = "is required") @FiniteNonNegative Double total,
        @NotNull(message = "is required") @FiniteNonNegative Double failed,
        @NotNull(message = "is required") @FiniteNonNegative Double success,
        String testid) implements RequestCounts {
}
