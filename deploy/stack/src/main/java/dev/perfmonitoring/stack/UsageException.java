package dev.perfmonitoring.stack;

/**
 * The options, values files or environment given to perf-stack are invalid in a way the command-line parser cannot see
 * (an SLO endpoint the chart does not have, a port variable that is not a number): bad usage, exit code 2.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
