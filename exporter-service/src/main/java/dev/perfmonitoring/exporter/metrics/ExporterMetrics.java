package dev.perfmonitoring.exporter.metrics;

import dev.perfmonitoring.exporter.service.RunStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The exporter's own metrics on {@code /q/metrics} (Micrometer), apart from the pushed load-test metrics:
 * {@code exporter_updates_total}, {@code exporter_pushes_total{result}},
 * {@code exporter_last_successful_push_timestamp_seconds}, {@code exporter_unpushed_data_age_seconds} and
 * {@code exporter_runs}.
 */
@Startup
@ApplicationScoped
public class ExporterMetrics {

    private final Counter updates;
    private final Counter pushesSucceeded;
    private final Counter pushesFailed;
    private final AtomicLong lastSuccessfulPushMillis = new AtomicLong();

    public ExporterMetrics(MeterRegistry registry, RunStore runs) {
        updates = Counter.builder("exporter.updates")
                .description("Load-test result updates accepted")
                .register(registry);
        pushesSucceeded = pushes(registry, "success");
        pushesFailed = pushes(registry, "failure");
        gauge(registry, "exporter.last.successful.push.timestamp", "seconds",
                "Unix time of the last successful push to the Pushgateway, 0 before the first",
                () -> lastSuccessfulPushMillis.get() / 1000.0);
        gauge(registry, "exporter.unpushed.data.age", "seconds",
                "Age of the oldest accepted update not yet on the Pushgateway, 0 when everything is pushed",
                () -> runs.unpushedDataAge().toMillis() / 1000.0);
        gauge(registry, "exporter.runs", null, "Test runs (testid groups) kept in memory", () -> (double) runs.runCount());
    }

    public void updateAccepted() {
        updates.increment();
    }

    public void pushSucceeded() {
        pushesSucceeded.increment();
        lastSuccessfulPushMillis.set(System.currentTimeMillis());
    }

    public void pushFailed() {
        pushesFailed.increment();
    }

    private static Counter pushes(MeterRegistry registry, String result) {
        return Counter.builder("exporter.pushes")
                .description("Pushes to the Pushgateway by result")
                .tag("result", result)
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String unit, String description, Supplier<Number> value) {
        Gauge.builder(name, value).baseUnit(unit).description(description).strongReference(true).register(registry);
    }

}
