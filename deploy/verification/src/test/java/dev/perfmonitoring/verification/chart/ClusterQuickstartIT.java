package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.process.PushgatewayServer;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster quickstart's files agree with the chart: the kube-prometheus-stack values turn on what the chart needs,
 * and the configuration for a Prometheus without the operator is valid and scrapes the jobs the ServiceMonitors define.
 */
class ClusterQuickstartIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path cluster = RepositoryRoot.path().resolve("deploy/cluster");

    @Test
    void stackValuesEnableRemoteWriteNativeHistogramsAndTheChartsDashboardFolderAnnotation() throws IOException {
        JsonNode stack = YAML.readTree(cluster.resolve("kube-prometheus-stack-values.yaml").toFile());
        JsonNode chartDashboards = YAML.readTree(ChartRenderer.chartDirectory().resolve("values.yaml").toFile())
                .path("monitoring").path("dashboards");

        assertThat(stack.at("/prometheus/prometheusSpec/enableRemoteWriteReceiver").asBoolean()).isTrue();
        assertThat(stack.at("/prometheus/prometheusSpec/enableFeatures")).extracting(JsonNode::asText)
                .contains("native-histograms");
        assertThat(stack.at("/grafana/sidecar/dashboards/folderAnnotation").asText())
                .isEqualTo(chartDashboards.path("folderAnnotation").asText());
        assertThat(stack.at("/grafana/sidecar/dashboards/provider/foldersFromFilesStructure").asBoolean()).isTrue();
    }

    /**
     * Runs the configuration in a real Prometheus. Debian's Prometheus has no Kubernetes discovery, so each
     * {@code kubernetes_sd_configs} becomes a {@code file_sd_configs} serving the {@code __meta_kubernetes_*} labels
     * Kubernetes discovery would give the release's endpoints (plus two that must be dropped); the relabelling is the
     * file's own. A real Pushgateway stands in for every endpoint.
     */
    @Test
    void prometheusWithoutOperatorNamesJobsLikeTheServiceMonitorsAndHonoursPushedLabels(@TempDir Path dir)
            throws Exception {
        String kubernetesDiscovery = """
                    kubernetes_sd_configs:
                      - role: endpoints
                        namespaces:
                          names: [perf]
                """;
        String config = Files.readString(cluster.resolve("prometheus-without-operator.yaml"));
        assertThat(config.split(Pattern.quote(kubernetesDiscovery), -1)).hasSize(3);
        ChartRenderer.chart().render().writeRuleFile(dir.resolve("perf-monitoring-rules.yml"));
        ScrapeConfigPrometheus.write(dir.resolve("prometheus.yml"), config
                .replace(kubernetesDiscovery, "    file_sd_configs:\n      - files: [endpoints.json]\n")
                .replace("scrape_interval: 15s", "scrape_interval: 1s"));

        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            HttpResponse<Void> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(pushgateway.url() + "/metrics/job/loadtest/testid/r1"))
                    .PUT(HttpRequest.BodyPublishers.ofString("loadtest_total 3\n")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(pushed.statusCode()).isEqualTo(200);
            String address = "127.0.0.1:" + pushgateway.port();
            ScrapeConfigPrometheus.write(dir.resolve("endpoints.json"), "[" + String.join(",",
                    endpoint(address, "perf-monitoring", "pushgateway", "http", "pushgateway-0"),
                    endpoint(address, "perf-monitoring", "demo-api", "http", "demo-api-0"),
                    endpoint(address, "perf-monitoring", "demo-api", "management", "demo-api-0"),
                    endpoint(address, "someone-else", "demo-api", "http", "other-0")) + "]");

            try (ScrapeConfigPrometheus prometheus = ScrapeConfigPrometheus.start(dir.resolve("prometheus.yml"))) {
                JsonNode targets = prometheus.awaitApi("targets", data -> data.path("activeTargets").size() == 2
                        && data.path("droppedTargets").size() == 6, Duration.ofSeconds(30));
                assertThat(targets.path("activeTargets")).map(target -> target.path("labels"))
                        .extracting(labels -> labels.path("job").asText(), labels -> labels.path("namespace").asText(),
                                labels -> labels.path("pod").asText())
                        .containsExactlyInAnyOrder(tuple("pushgateway", "perf", "pushgateway-0"),
                                tuple("demo-api", "perf", "demo-api-0"));

                JsonNode scraped = prometheus.awaitApi(ScrapeConfigPrometheus.query("loadtest_total"),
                        data -> data.path("result").size() == 1, Duration.ofSeconds(30));
                assertThat(scraped.path("result").get(0).path("metric").path("job").asText()).isEqualTo("loadtest");
                assertThat(scraped.path("result").get(0).path("metric").path("testid").asText()).isEqualTo("r1");
                assertThat(scraped.path("result").get(0).path("metric").has("exported_job")).isFalse();
            }
        }
    }

    private static String endpoint(String address, String partOf, String name, String portName, String pod) {
        return """
                {"targets": ["%s"], "labels": {
                  "__meta_kubernetes_service_label_app_kubernetes_io_part_of": "%s",
                  "__meta_kubernetes_service_label_app_kubernetes_io_name": "%s",
                  "__meta_kubernetes_endpoint_port_name": "%s",
                  "__meta_kubernetes_namespace": "perf",
                  "__meta_kubernetes_pod_name": "%s"}}""".formatted(address, partOf, name, portName, pod);
    }

    @Test
    void prometheusWithoutOperatorKeepsExactlyTheComponentsTheServiceMonitorsScrape() throws IOException {
        JsonNode config = YAML.readTree(cluster.resolve("prometheus-without-operator.yaml").toFile());
        List<String> keepRegexes = new ArrayList<>();
        config.path("scrape_configs").forEach(job -> job.path("relabel_configs").forEach(relabel -> {
            if (relabel.path("action").asText().equals("keep")) {
                keepRegexes.add(relabel.path("regex").asText());
            }
        }));
        List<String> components = ChartScenario.named("default").render().resources(ServiceMonitor.class).stream()
                .map(monitor -> monitor.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .toList();

        assertThat(String.join(" ", keepRegexes)).contains(components);
        assertThat(config.path("scrape_configs").findValuesAsText("honor_labels")).containsExactly("true");
    }
}
