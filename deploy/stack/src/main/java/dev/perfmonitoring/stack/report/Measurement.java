package dev.perfmonitoring.stack.report;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A number of a report and where it comes from: the PromQL instant query that returns it when evaluated at {@code at},
 * so a reader can paste the query into Prometheus and get the same value.
 *
 * @param value  the value, NaN when the query returned nothing
 * @param promql the query
 * @param at     the instant it was evaluated at
 */
public record Measurement(double value, String promql, Instant at) {

    /** A query that returned nothing (no traffic, no series). */
    public static Measurement absent(String promql, Instant at) {
        return new Measurement(Double.NaN, promql, at);
    }

    public boolean isPresent() {
        return !Double.isNaN(value);
    }

    public OptionalDouble optional() {
        return isPresent() ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** The value, or {@code fallback} when the query returned nothing. */
    public double orElse(double fallback) {
        return isPresent() ? value : fallback;
    }
}
