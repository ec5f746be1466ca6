package dev.perfmonitoring.exporter.rest;

import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /pushMetrics}: the concurrency controller's later format. {@code latency} is in seconds;
 * {@code RPS} keeps its wire name so errors name the field the client sent.
 */
@RequestCounts.WithinTotal
public record ControllerMetrics(
        @NotNull(message = "is required") @FiniteNonNegative Double total,
        @NotNull(message = "is required") @FiniteNonNegative Double failed,
        @NotNull(message = "is required") @FiniteNonNegative Double latency,
        @NotNull(message = "is required") @FiniteNonNegative Double RPS,
        String testid) implements RequestCounts {
}
