package dev.perfmonitoring.exporter.metrics;

import dev.perfmonitoring.exporter.service.PushgatewayStatus;
import dev.perfmonitoring.exporter.service.RunStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The exporter's own metrics on {@code /q/metrics} (Micrometer), apart from the pushed load-test metrics:
 * {@code exporter_updates_total}, {@code exporter_pushes_total{result}},
 * {@code exporter_last_successful_push_timestamp_seconds}, {@code exporter_unpushed_data_age_seconds},
 * {@code exporter_pushgateway_up} and {@code exporter_runs}. Read from the service beans at scrape time.
 */
@Startup
@ApplicationScoped
public class ExporterMetrics {

    public ExporterMetrics(MeterRegistry registry, RunStore runs, PushgatewayStatus pushgateway) {
        FunctionCounter.builder("exporter.updates", runs, RunStore::acceptedUpdates)
                .description("Load-test result updates accepted")
                .register(registry);
        pushes(registry, "success", pushgateway, PushgatewayStatus::pushesSucceeded);
        pushes(registry, "failure", pushgateway, PushgatewayStatus::pushesFailed);
        gauge(registry, "exporter.last.successful.push.timestamp", "seconds",
                "Unix time of the last successful push to the Pushgateway, 0 before the first",
                () -> pushgateway.lastSuccessfulPushMillis() / 1000.0);
        gauge(registry, "exporter.unpushed.data.age", "seconds",
                "Age of the oldest accepted update not yet on the Pushgateway, 0 when everything is pushed",
                () -> runs.unpushedDataAge().toMillis() / 1000.0);
        gauge(registry, "exporter.pushgateway.up", null,
                "1 when the Pushgateway answered the last readiness probe or push, 0 when it did not",
                () -> pushgateway.reachable() ? 1 : 0);
        gauge(registry, "exporter.runs", null, "Test runs (testid groups) kept in memory", () -> (double) runs.runCount());
    }

    private static void pushes(MeterRegistry registry, String result, PushgatewayStatus pushgateway,
            ToDoubleFunction<PushgatewayStatus> count) {
        FunctionCounter.builder("exporter.pushes", pushgateway, count)
                .description("Pushes to the Pushgateway by result")
                .tag("result", result)
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String unit, String description, Supplier<Number> value) {
        Gauge.builder(name, value).baseUnit(unit).description(description).strongReference(true).register(registry);
    }
}
