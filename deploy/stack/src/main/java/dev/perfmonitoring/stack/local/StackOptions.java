package dev.perfmonitoring.stack.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a run of the one-machine stack does ({@code perf-stack run}, {@code deploy/local/run.sh}).
 *
 * @param duration      how long the Person scenario runs
 * @param rate          multiplies the scenario's rates and iteration counts
 * @param testid        the run id
 * @param keepRunning   keep the stack up after the report until Ctrl-C
 * @param thresholds    SLO threshold overrides
 * @param maxErrorRatio the largest 5xx share that still passes
 * @param valuesFiles   extra chart values files
 * @param workDir       where logs and generated files go
 */
public record StackOptions(Duration duration, double rate, String testid, boolean keepRunning, SloThresholds thresholds,
        double maxErrorRatio, List<Path> valuesFiles, Path workDir) {

    public StackOptions {
        valuesFiles = List.copyOf(valuesFiles);
    }
}
