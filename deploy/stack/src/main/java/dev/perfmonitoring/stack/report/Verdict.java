package dev.perfmonitoring.stack.report;

import java.util.Optional;

/** The verdict a report leads with. */
public enum Verdict {
    /** Every SLO met, and no regression against the baseline (when there is one). */
    PASS,
    /** An SLO failed (a latency threshold or the 5xx budget). */
    FAIL,
    /** Every SLO met, but the run is worse than its baseline by more than the regression rule allows. */
    REGRESSION;

    public static Verdict of(RunReport run, Optional<Comparison> comparison) {
        if (!run.slo().passed()) {
            return FAIL;
        }
        return comparison.filter(Comparison::regressed).isPresent() ? REGRESSION : PASS;
    }

    public boolean passed() {
        return this == PASS;
    }
}
