package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.report.RegressionRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a run of the one-machine stack does ({@code perf-stack run}, {@code deploy/local/run.sh}).
 *
 * @param duration       how long the Person scenario runs
 * @param rate           multiplies the scenario's rates and iteration counts
 * @param testid         the run id
 * @param keepRunning    keep the stack up after the report until Ctrl-C
 * @param thresholds     SLO threshold overrides
 * @param maxErrorRatio  the largest 5xx share that still passes
 * @param valuesFiles    extra chart values files
 * @param workDir        where logs, reports and Prometheus's data go
 * @param baseline       an earlier run of this work directory to compare with
 * @param regressionRule what counts as a regression against the baseline
 * @param report         where the HTML report goes
 * @param junit          where JUnit XML goes, if anywhere
 * @param retention      how long Prometheus keeps runs
 * @param fresh          forget every earlier run before this one
 */
public record StackOptions(Duration duration, double rate, String testid, boolean keepRunning, SloThresholds thresholds,
        double maxErrorRatio, List<Path> valuesFiles, Path workDir, Optional<String> baseline,
        RegressionRule regressionRule, Path report, Optional<Path> junit, Duration retention, boolean fresh) {

    public StackOptions {
        valuesFiles = List.copyOf(valuesFiles);
    }
}
