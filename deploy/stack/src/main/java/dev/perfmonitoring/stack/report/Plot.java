package dev.perfmonitoring.stack.report;

import java.util.List;

/**
 * One chart of the run report: series sampled on a common grid of seconds since the run's start, so a baseline run's
 * curves share the axes with the current run's.
 *
 * @param id      a stable id (HTML element id, test handle)
 * @param title   what it shows
 * @param unit    the unit of every series: {@code s}, {@code req/s}, {@code ratio}, {@code %}, {@code MiB} or a plain count
 * @param seconds the x values: seconds since the run's start, every step
 * @param series  the curves
 */
public record Plot(String id, String title, String unit, List<Double> seconds, List<Series> series) {

    public Plot {
        seconds = List.copyOf(seconds);
        series = List.copyOf(series);
    }

    /** Whether any measured series (not a threshold line) holds at least one point. */
    public boolean hasData() {
        return series.stream().filter(line -> line.role() != Role.THRESHOLD).anyMatch(Series::hasData);
    }

    /**
     * One curve.
     *
     * @param label    legend text
     * @param promql   the range query that produced it (evaluated over the run's window with the plot's step)
     * @param role     what the curve is: the current run, the baseline, or a threshold line
     * @param values   one value per x, null where Prometheus returned no point
     */
    public record Series(String label, String promql, Role role, List<Double> values) {

        public boolean hasData() {
            return values.stream().anyMatch(value -> value != null && Double.isFinite(value));
        }
    }

    /** How a curve is drawn. */
    public enum Role {
        CURRENT, BASELINE, THRESHOLD
    }
}
