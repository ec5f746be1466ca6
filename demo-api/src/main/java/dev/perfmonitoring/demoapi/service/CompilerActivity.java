package dev.perfmonitoring.demoapi.service;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How busy the JIT compilers were lately: the share of a window of wall time they spent compiling (summed over compiler
 * threads, so up to their number), from {@link CompilationMXBean#getTotalCompilationTime()}. Unavailable where nothing
 * is compiled at run time (a native executable) or the JVM does not measure it.
 */
final class CompilerActivity {

    private final CompilationMXBean compiler;
    private final long windowNanos;
    private long windowStartNanos;
    private long compiledMillisAtWindowStart;
    private double lastShare = Double.NaN;
    private final double quietShare;
    private int quietWindows;

    CompilerActivity(Duration window, double quietShare) {
        this.quietShare = quietShare;
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        this.compiler = bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
        this.windowNanos = window.toNanos();
        this.windowStartNanos = System.nanoTime();
        this.compiledMillisAtWindowStart = compiledMillis();
    }

    boolean measurable() {
        return compiler != null;
    }

    /**
     * The compilers' share of the last complete window (NaN until one is complete, or when not measurable); a window
     * ends on the first call after it is over.
     */
    synchronized double lastWindowShare() {
        long now = System.nanoTime();
        if (compiler != null && now - windowStartNanos >= windowNanos) {
            long compiled = compiledMillis();
            lastShare = (compiled - compiledMillisAtWindowStart) * 1_000_000.0 / (now - windowStartNanos);
            quietWindows = lastShare < quietShare ? quietWindows + 1 : 0;
            windowStartNanos = now;
            compiledMillisAtWindowStart = compiled;
        }
        return lastShare;
    }

    /** How many of the last complete windows in a row the compilers were busy less than the quiet share. */
    synchronized int quietWindows() {
        return quietWindows;
    }

    private long compiledMillis() {
        return compiler == null ? 0 : compiler.getTotalCompilationTime();
    }
}
