package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.load.ScenarioFileException;
import dev.perfmonitoring.stack.process.ServerStartException;
import dev.perfmonitoring.stack.report.Verdict;
import dev.perfmonitoring.stack.prometheus.PrometheusUnreachableException;
import picocli.CommandLine;

/**
 * The exit codes of {@code perf-stack}, and the one place that maps failures to them. Expected failures (bad usage,
 * a stack that did not start, a Prometheus that does not answer) end in one line naming the cause; anything else is a
 * bug and prints its stack trace.
 */
public enum ExitCode {

    /** Every SLO was met and nothing regressed (or the command has no verdict and finished). */
    PASSED(0, "every SLO met, no regression"),
    /** An SLO failed, or the run regressed against its baseline. */
    SLO_FAILED(1, "an SLO failed or the run regressed against its baseline"),
    /** Bad usage: an option, a values file, the scenario file or an environment variable is invalid; nothing started. */
    USAGE(2, "bad usage: nothing was started"),
    /** The stack, or a server it needs, could not start or be reached (port taken, binary missing, not ready). */
    UNAVAILABLE(3, "the stack or Prometheus could not start or be reached"),
    /** A bug in perf-stack: the stack trace is printed. */
    INTERNAL_ERROR(4, "internal error (a bug)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, as every command's {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }

    /** The exit code of a report's verdict: 0 when it passed, 1 for FAIL and REGRESSION. */
    static int of(Verdict verdict) {
        return (verdict.passed() ? PASSED : SLO_FAILED).code;
    }

    /** The exit code a failure ends the command with. */
    static ExitCode of(Throwable failure) {
        if (failure instanceof UsageException || failure instanceof ChartRenderException
                || failure instanceof ScenarioFileException || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof ServerStartException || failure instanceof PrometheusUnreachableException) {
            return UNAVAILABLE;
        }
        return INTERNAL_ERROR;
    }

    /** Prints a failure of a command (one line when expected, the stack trace when not) and returns its exit code. */
    static int report(Exception failure, CommandLine command) {
        ExitCode exit = of(failure);
        if (exit == INTERNAL_ERROR) {
            command.getErr().println("perf-stack: internal error:");
            failure.printStackTrace(command.getErr());
        } else {
            String name = command.getCommandSpec().qualifiedName();
            command.getErr().println(name + ": " + failure.getMessage());
            if (exit == USAGE) {
                command.getErr().println("see: " + name + " --help");
            }
        }
        return exit.code;
    }
}
