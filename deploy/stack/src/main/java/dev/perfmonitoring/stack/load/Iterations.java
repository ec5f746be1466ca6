package dev.perfmonitoring.stack.load;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What both executors do with an iteration and their VU threads. */
final class Iterations {

    private Iterations() {
    }

    /** Runs one iteration; an exception ends that iteration only (k6 logs a script error and goes on). */
    static void runSafely(String scenario, Runnable iteration) {
        try {
            iteration.run();
        } catch (RuntimeException e) {
            System.err.println("load-runner: an iteration of " + scenario + " failed: " + e);
        }
    }

    /** Daemon threads named {@code vu-<scenario>-<n>}: a VU left behind never keeps the JVM alive. */
    static ThreadFactory vuThreads(String scenario) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "vu-" + scenario + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
