package dev.perfmonitoring.stack.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start a {@link LocalStack}.
 *
 * @param repository         the repository root: the chart is {@code helm/perf-monitoring}, the services run from
 *                           {@code <module>/target/quarkus-app/quarkus-run.jar}
 * @param workDir            where logs, the rendered rule file, dashboards and Prometheus's data go
 * @param ports              loopback ports
 * @param valuesFiles        chart values files applied in order (e.g. SLO thresholds)
 * @param chartValues        single chart values ({@code --set}), applied after the files
 * @param scrapeInterval     Prometheus's scrape interval (the chart's ServiceMonitors say 30s; short runs want less)
 * @param retention          how long Prometheus keeps its data ({@code --storage.tsdb.retention.time}): its data
 *                           directory, {@code <workDir>/prometheus-data}, outlives the run so later runs can compare
 * @param serviceEnvironment extra environment variables per service ({@code demo-api}, {@code exporter-service},
 *                           {@code exposer-service})
 */
public record StackSettings(Path repository, Path workDir, StackPorts ports, List<Path> valuesFiles,
        Map<String, Object> chartValues, String scrapeInterval, Duration retention,
        Map<String, Map<String, String>> serviceEnvironment) {

    /** Rules evaluated every 5 s, so a run of a minute or two gets a verdict; override with {@link #withChartValue}. */
    public static final String RULE_INTERVAL = "5s";

    public StackSettings {
        valuesFiles = List.copyOf(valuesFiles);
        chartValues = Map.copyOf(chartValues);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** How long Prometheus keeps a run unless told otherwise (Prometheus's own default). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(15);

    /** The one-machine defaults: 5 s scrapes and rule evaluations, 15 days of data, no extra values or environment. */
    public static StackSettings defaults(Path repository, Path workDir, StackPorts ports) {
        return new StackSettings(repository, workDir, ports, List.of(),
                Map.of("monitoring.prometheusRule.interval", RULE_INTERVAL), "5s", DEFAULT_RETENTION, Map.of());
    }

    public StackSettings withValuesFile(Path file) {
        List<Path> files = new ArrayList<>(valuesFiles);
        files.add(file);
        return new StackSettings(repository, workDir, ports, files, chartValues, scrapeInterval, retention,
                serviceEnvironment);
    }

    public StackSettings withChartValue(String key, Object value) {
        Map<String, Object> values = new HashMap<>(chartValues);
        values.put(key, value);
        return new StackSettings(repository, workDir, ports, valuesFiles, values, scrapeInterval, retention,
                serviceEnvironment);
    }

    public StackSettings withRetention(Duration time) {
        return new StackSettings(repository, workDir, ports, valuesFiles, chartValues, scrapeInterval, time,
                serviceEnvironment);
    }

    /** Prometheus's data directory: the same for every run in this work directory. */
    public Path prometheusData() {
        return workDir.resolve("prometheus-data");
    }

    public StackSettings withServiceEnvironment(String service, Map<String, String> environment) {
        Map<String, Map<String, String>> all = new HashMap<>(serviceEnvironment);
        all.put(service, Map.copyOf(environment));
        return new StackSettings(repository, workDir, ports, valuesFiles, chartValues, scrapeInterval, retention, all);
    }

    /**
     * How long after the last request the report waits: two scrape intervals and two rule evaluations, so the last
     * requests reach the recording rules and the exporter's last batch reaches Prometheus.
     */
    public Duration settleTime() {
        String ruleInterval = String.valueOf(chartValues.getOrDefault("monitoring.prometheusRule.interval", RULE_INTERVAL));
        return seconds(scrapeInterval).plus(seconds(ruleInterval)).multipliedBy(2);
    }

    private static Duration seconds(String prometheusDuration) {
        if (!prometheusDuration.matches("\\d+s")) {
            throw new IllegalArgumentException("expected a whole number of seconds like 5s, got " + prometheusDuration);
        }
        return Duration.ofSeconds(Long.parseLong(prometheusDuration.substring(0, prometheusDuration.length() - 1)));
    }

    Map<String, String> environmentOf(String service) {
        return serviceEnvironment.getOrDefault(service, Map.of());
    }
}
