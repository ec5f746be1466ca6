package dev.perfmonitoring.stack.process;

/**
 * A local server could not be started or did not become ready: its binary is missing, its port is taken, it exited,
 * it did not answer in time, or its scrape targets never came up. The message names the cause (and the server's log
 * tail, when it ran).
 */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
