package dev.perfmonitoring.stack.chart;

/**
 * The chart did not render with the values given: a template error, a values-schema violation or a {@code fail} in a
 * template (for example an SLO threshold that is not one of demo-api's histogram buckets), with Helm's message.
 */
public final class ChartRenderException extends RuntimeException {

    public ChartRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
