package dev.perfmonitoring.stack.remotewrite;

/** A remote-write request that did not reach the endpoint or that the endpoint refused. */
public final class RemoteWriteException extends RuntimeException {

    public RemoteWriteException(String message) {
        super(message);
    }

    public RemoteWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
