package dev.perfmonitoring.stack.report;

import java.time.Duration;

/**
 * When a run is worse than its baseline: its p95 or p99 grew by more than {@code relative} and by more than
 * {@code absolute}, or its error share grew by more than {@code errorShare} (0.005 = half a percentage point).
 *
 * @param relative   e.g. 0.10 for 10 %
 * @param absolute   e.g. 5 ms
 * @param errorShare e.g. 0.005
 */
public record RegressionRule(double relative, Duration absolute, double errorShare) {

    /** 10 % and 5 ms for p95 and p99, half a percentage point for the error share. */
    public static final RegressionRule DEFAULT = new RegressionRule(0.10, Duration.ofMillis(5), 0.005);

    /** Whether a latency went from {@code baseline} to {@code current} seconds by more than the rule allows. */
    public boolean latencyRegressed(double baseline, double current) {
        double growth = current - baseline;
        return growth > baseline * relative && growth > absolute.toNanos() / 1e9;
    }

    /** Whether an error share went from {@code baseline} to {@code current} by more than the rule allows. */
    public boolean errorShareRegressed(double baseline, double current) {
        return current - baseline > errorShare;
    }

    /** The rule in words, for reports. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "p95 or p99 worse by more than %.0f %% and more than %d ms,"
                + " or error share up by more than %.2f points", relative * 100, absolute.toMillis(), errorShare * 100);
    }
}
