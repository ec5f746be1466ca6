package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.report.RegressionRule;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The regression rule of a comparison against a baseline (a picocli mixin of run, report and compare). */
final class RegressionOptions {

    @Option(names = "--regression-percent", paramLabel = "PERCENT", defaultValue = "10",
            converter = Converters.NonNegativeNumber.class,
            description = "A p95 or p99 worse than the baseline's by more than this many percent... (default ${DEFAULT-VALUE})")
    double percent;

    @Option(names = "--regression-ms", paramLabel = "MILLISECONDS", defaultValue = "5",
            converter = Converters.NonNegativeNumber.class,
            description = "...and by more than this many milliseconds is a regression (default ${DEFAULT-VALUE}).")
    double milliseconds;

    @Option(names = "--regression-error-points", paramLabel = "POINTS", defaultValue = "0.5",
            converter = Converters.NonNegativeNumber.class,
            description = "A 5xx share up by more than this many percentage points is a regression"
                    + " (default ${DEFAULT-VALUE}).")
    double errorPoints;

    RegressionRule rule() {
        return new RegressionRule(percent / 100, Duration.ofNanos(Math.round(milliseconds * 1_000_000)),
                errorPoints / 100);
    }
}
