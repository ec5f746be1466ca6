package dev.perfmonitoring.demoapi.metrics;

/**
 * CPU time and resident memory of this process, read from Linux's /proc/self (works in a native image, where the JVM's
 * process binders are missing).
 *
 * @param cpuTicks user plus system CPU time of all threads, in clock ticks (fields 14 and 15 of /proc/self/stat)
 * @param residentKilobytes resident set size (VmRSS of /proc/self/status)
 * @param nanoTime {@link System#nanoTime()} when read
 */
public record ProcessSample(long cpuTicks, long residentKilobytes, long nanoTime) {

    /** Clock ticks per second of /proc CPU times: the kernel's USER_HZ, 100 on every mainstream Linux architecture. */
    static final int TICKS_PER_SECOND = 100;

    /** Parses the contents of /proc/self/stat and /proc/self/status. */
    public static ProcessSample parse(String stat, String status, long nanoTime) {
        // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long userTicks = Long.parseLong(afterName[14 - 3]);
        long systemTicks = Long.parseLong(afterName[15 - 3]);
        return new ProcessSample(userTicks + systemTicks, residentKilobytes(status), nanoTime);
    }

    /** CPU used between {@code earlier} and this sample, in percent of one CPU (200 = two CPUs busy). */
    public double cpuPercentSince(ProcessSample earlier) {
        double cpuSeconds = (double) (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND;
        double wallSeconds = (nanoTime - earlier.nanoTime) / 1e9;
        return wallSeconds > 0 ? 100 * cpuSeconds / wallSeconds : 0;
    }

    public double residentMegabytes() {
        return residentKilobytes / 1024.0;
    }

    private static long residentKilobytes(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim().split("\\s+"))
                .mapToLong(fields -> Long.parseLong(fields[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no VmRSS line in /proc/self/status"));
    }
}
