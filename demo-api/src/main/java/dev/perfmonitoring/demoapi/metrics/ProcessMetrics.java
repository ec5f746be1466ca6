package dev.perfmonitoring.demoapi.metrics;

import dev.perfmonitoring.demoapi.config.DemoApiConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * prometric's app_cpu_usage_percent and app_memory_usage_megabytes, read from /proc/self when scraped. CPU is the
 * average over the time since the previous reading (at least {@link #MIN_WINDOW_NANOS} apart, so two scrapes in quick
 * succession see the same value); memory is the resident set size. /proc is read at most once per
 * {@link #MIN_WINDOW_NANOS} for both gauges (Prometheus scrapes every 15 s or so; a scrape loop reads it once a second).
 */
@Startup
@ApplicationScoped
public class ProcessMetrics {

    static final long MIN_WINDOW_NANOS = 1_000_000_000L;
    private static final Path PROC_SELF = Path.of("/proc/self");

    private ProcessSample previous;
    private ProcessSample latest;
    private double cpuPercent;

    public ProcessMetrics(MeterRegistry registry, DemoApiConfig config) {
        if (!config.metrics().enabled()) {
            return;
        }
        if (!Files.isReadable(PROC_SELF.resolve("stat"))) {
            Log.warn("/proc/self is not readable: app_cpu_usage_percent and app_memory_usage_megabytes are not exposed");
            return;
        }
        previous = read();
        latest = previous;
        Gauge.builder("app.cpu.usage.percent", this, ProcessMetrics::cpuUsagePercent)
                .description("CPU usage of the process in percent of one CPU, since the previous reading")
                .register(registry);
        Gauge.builder("app.memory.usage.megabytes", this, metrics -> metrics.sample().residentMegabytes())
                .description("Resident memory of the process in megabytes")
                .register(registry);
    }

    synchronized double cpuUsagePercent() {
        ProcessSample now = sample();
        if (now.nanoTime() - previous.nanoTime() >= MIN_WINDOW_NANOS) {
            cpuPercent = now.cpuPercentSince(previous);
            previous = now;
        }
        return cpuPercent;
    }

    /** The latest reading of /proc/self, read again when it is {@link #MIN_WINDOW_NANOS} old. */
    private synchronized ProcessSample sample() {
        if (System.nanoTime() - latest.nanoTime() >= MIN_WINDOW_NANOS) {
            latest = read();
        }
        return latest;
    }

    private static ProcessSample read() {
        try {
            return ProcessSample.parse(Files.readString(PROC_SELF.resolve("stat")),
                    Files.readString(PROC_SELF.resolve("status")), System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self", e);
        }
    }
}
