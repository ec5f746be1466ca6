package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.LocalServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grafana for the one-machine stack, when a Grafana server binary is installed ({@code grafana server} or the older
 * {@code grafana-server}): provisioned with a Prometheus datasource of uid {@code prometheus} (the uid
 * kube-prometheus-stack gives its datasource, which the dashboards default to) and the chart's dashboards,
 * anonymous viewing on, admin/admin.
 */
final class GrafanaServer extends LocalServer {

    private static final List<String> HOME_CANDIDATES = List.of("/usr/share/grafana", "/usr/local/share/grafana");

    private GrafanaServer(List<String> command, Map<String, String> environment, int port, Path workDir) {
        super("grafana", command, environment, port, "/api/health", workDir);
    }

    /** Starts Grafana when a binary is on the PATH; empty otherwise. */
    static Optional<LocalServer> startIfInstalled(int port, String prometheusUrl, RenderedChart chart, Path workDir) {
        Optional<List<String>> command = command();
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Path home = workDir.resolve("grafana");
        Path dashboards = dashboardsDirectory(chart, workDir);
        try {
            Path datasources = Files.createDirectories(home.resolve("provisioning/datasources"));
            Files.writeString(datasources.resolve("prometheus.yaml"), """
                    apiVersion: 1
                    datasources:
                      - name: Prometheus
                        uid: prometheus
                        type: prometheus
                        access: proxy
                        url: %s
                        isDefault: true
                    """.formatted(prometheusUrl));
            Path providers = Files.createDirectories(home.resolve("provisioning/dashboards"));
            Files.writeString(providers.resolve("perf-monitoring.yaml"), """
                    apiVersion: 1
                    providers:
                      - name: perf-monitoring
                        folder: perf-monitoring
                        type: file
                        options:
                          path: %s
                    """.formatted(dashboards));
            Files.createDirectories(home.resolve("plugins"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = Map.of(
                "GF_SERVER_HTTP_ADDR", "127.0.0.1",
                "GF_SERVER_HTTP_PORT", Integer.toString(port),
                "GF_PATHS_DATA", home.resolve("data").toString(),
                "GF_PATHS_LOGS", home.resolve("logs").toString(),
                "GF_PATHS_PLUGINS", home.resolve("plugins").toString(),
                "GF_PATHS_PROVISIONING", home.resolve("provisioning").toString(),
                "GF_AUTH_ANONYMOUS_ENABLED", "true",
                "GF_SECURITY_ADMIN_PASSWORD", "admin",
                "GF_ANALYTICS_REPORTING_ENABLED", "false",
                "GF_ANALYTICS_CHECK_FOR_UPDATES", "false");
        GrafanaServer grafana = new GrafanaServer(command.get(), environment, port, workDir);
        grafana.launch();
        return Optional.of(grafana);
    }

    /** Whether a Grafana server binary is on the PATH. */
    static boolean isInstalled() {
        return command().isPresent();
    }

    /** The chart's dashboards written as files (for provisioning, or to import by hand). */
    static Path dashboardsDirectory(RenderedChart chart, Path workDir) {
        Path directory = workDir.resolve("grafana/dashboards");
        chart.writeDashboards(directory);
        return directory;
    }

    private static Optional<List<String>> command() {
        Optional<String> homepath = HOME_CANDIDATES.stream().filter(dir -> Files.isDirectory(Path.of(dir))).findFirst();
        List<String> homeArgs = homepath.map(dir -> List.of("--homepath", dir)).orElse(List.of());
        return onPath("grafana").map(binary -> concat(List.of(binary, "server"), homeArgs))
                .or(() -> onPath("grafana-server").map(binary -> concat(List.of(binary), homeArgs)));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Optional<String> onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
