package dev.perfmonitoring.stack.process;

import java.util.List;

/**
 * One {@code scrape_configs} entry of a {@link PrometheusServer}: static targets ({@code host:port}), a metrics
 * path and whether to honour the target's labels (as a ServiceMonitor with {@code honorLabels: true} does for a
 * Pushgateway).
 */
public record ScrapeJob(String jobName, String metricsPath, boolean honorLabels, List<String> targets) {

    public ScrapeJob {
        targets = List.copyOf(targets);
    }

    public static ScrapeJob of(String jobName, String metricsPath, String... targets) {
        return new ScrapeJob(jobName, metricsPath, false, List.of(targets));
    }

    /** A job for a Pushgateway: {@code honor_labels: true} keeps the pushed {@code job} label. */
    public static ScrapeJob pushgateway(String jobName, String target) {
        return new ScrapeJob(jobName, "/metrics", true, List.of(target));
    }

    String toYaml(String scrapeInterval) {
        StringBuilder yaml = new StringBuilder()
                .append("  - job_name: ").append(quoted(jobName)).append('\n')
                .append("    scrape_interval: ").append(scrapeInterval).append('\n')
                .append("    metrics_path: ").append(quoted(metricsPath)).append('\n')
                .append("    honor_labels: ").append(honorLabels).append('\n')
                .append("    static_configs:\n")
                .append("      - targets: [");
        yaml.append(String.join(", ", targets.stream().map(ScrapeJob::quoted).toList()));
        return yaml.append("]\n").toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
