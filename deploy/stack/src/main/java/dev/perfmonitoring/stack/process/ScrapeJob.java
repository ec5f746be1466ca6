package dev.perfmonitoring.stack.process;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code scrape_configs} entry of a {@link PrometheusServer}: static targets ({@code host:port}), a metrics
 * path, whether to honour the target's labels (as a ServiceMonitor with {@code honorLabels: true} does for a
 * Pushgateway) and static labels of its targets (which may set {@code job} to something other than the job name, as
 * the Prometheus operator's {@code serviceMonitor/<namespace>/<name>/<endpoint>} jobs do).
 */
public record ScrapeJob(String jobName, String metricsPath, boolean honorLabels, List<String> targets,
        Map<String, String> labels) {

    public ScrapeJob {
        targets = List.copyOf(targets);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public ScrapeJob(String jobName, String metricsPath, boolean honorLabels, List<String> targets) {
        this(jobName, metricsPath, honorLabels, targets, Map.of());
    }

    public static ScrapeJob of(String jobName, String metricsPath, String... targets) {
        return new ScrapeJob(jobName, metricsPath, false, List.of(targets));
    }

    /** A job for a Pushgateway: {@code honor_labels: true} keeps the pushed {@code job} label. */
    public static ScrapeJob pushgateway(String jobName, String target) {
        return new ScrapeJob(jobName, "/metrics", true, List.of(target));
    }

    /** This job with static labels on its targets ({@code static_configs[].labels}). */
    public ScrapeJob withLabels(Map<String, String> targetLabels) {
        return new ScrapeJob(jobName, metricsPath, honorLabels, targets, targetLabels);
    }

    String toYaml(String scrapeInterval) {
        StringBuilder yaml = new StringBuilder()
                .append("  - job_name: ").append(quoted(jobName)).append('\n')
                .append("    scrape_interval: ").append(scrapeInterval).append('\n')
                .append("    metrics_path: ").append(quoted(metricsPath)).append('\n')
                .append("    honor_labels: ").append(honorLabels).append('\n')
                .append("    static_configs:\n")
                .append("      - targets: [");
        yaml.append(String.join(", ", targets.stream().map(ScrapeJob::quoted).toList())).append("]\n");
        if (!labels.isEmpty()) {
            yaml.append("        labels:\n");
            labels.forEach((name, value) -> yaml.append("          ").append(quoted(name)).append(": ")
                    .append(quoted(value)).append('\n'));
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
