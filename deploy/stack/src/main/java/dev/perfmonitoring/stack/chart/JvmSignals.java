package dev.perfmonitoring.stack.chart;

import java.util.List;
import sun.misc.Signal;

/**
 * Gives SIGINT, SIGTERM and SIGHUP back to the JVM after helm-java has run. Its Helm engine is a Go library, and the
 * Go runtime installs its own handlers for these signals when it loads: without this, Ctrl-C (or a TERM from a
 * supervisor) would reach Go and be dropped, the JVM would never run its shutdown hooks, and the stack's processes
 * would outlive the command. The handlers do what the JVM's own do: run the shutdown hooks and exit with 128 + the
 * signal's number.
 */
final class JvmSignals {

    private static final List<String> TERMINATING = List.of("INT", "TERM", "HUP");

    private JvmSignals() {
    }

    static void reclaim() {
        for (String name : TERMINATING) {
            Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
        }
    }
}
