package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** values.yaml documents every key, values.schema.json rejects what the chart cannot render, images follow the flavor. */
class ChartValuesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z0-9_.\\-]+):(\\s.*)?$");

    @Test
    void everyKeyOfValuesYamlHasACommentAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(ChartRenderer.chartDirectory().resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY_LINE.matcher(lines.get(i));
            if (key.matches() && (i == 0 || !lines.get(i - 1).strip().startsWith("#"))) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
        }

        assertThat(lines).anyMatch(line -> KEY_LINE.matcher(line).matches());
        assertThat(undocumented).as("keys without a comment line right above them").isEmpty();
    }

    @Test
    void schemaRejectsUnknownKeysUnknownFlavorsAndMalformedDurations() {
        assertThat(renderError("image.flavor", "arm")).contains("/image/flavor");
        assertThat(renderError("demoApi.replicas", "2")).contains("replicas");
        assertThat(renderError("monitoring.serviceMonitors.interval", "15 seconds")).contains("/monitoring/serviceMonitors/interval");
        assertThat(renderError("exporter.pushMode", "batch")).contains("/exporter/pushMode");
    }

    @Test
    void schemaRefusesMoreThanOneExporterReplica() {
        assertThat(renderError("exporter.replicaCount", 2)).contains("/exporter/replicaCount");
    }

    @Test
    void chartRefusesAnExporterWithoutAnyPushgateway() {
        assertThat(renderError("pushgateway.enabled", false))
                .contains("exporter.pushgatewayUrl is required when pushgateway.enabled is false");
    }

    @Test
    void chartRefusesAK6RunWithoutItsTarget() {
        assertThatThrownBy(() -> ChartRenderer.chart().set("k6.enabled", true).set("demoApi.enabled", false).render())
                .hasMessageContaining("k6.enabled needs demoApi.enabled");
    }

    @Test
    void nativeImagesByDefaultJvmImagesWithTheirTagSuffixAndAnyRegistryOrTag() throws IOException {
        String registry = YAML.readTree(ChartRenderer.chartDirectory().resolve("values.yaml").toFile())
                .path("image").path("registry").asText();
        String version = YAML.readTree(ChartRenderer.chartDirectory().resolve("Chart.yaml").toFile())
                .path("appVersion").asText();

        assertThat(image(ChartScenario.named("default").render(), "demo-api"))
                .isEqualTo(registry + "/perf-monitoring-demo-api:" + version);
        assertThat(image(ChartScenario.named("jvm-images").render(), "exporter-service"))
                .isEqualTo(registry + "/perf-monitoring-exporter-service:" + version + "-jvm");
        assertThat(image(ChartRenderer.chart().set("image.registry", "registry.example.invalid/perf").render(),
                "exposer-service")).isEqualTo("registry.example.invalid/perf/perf-monitoring-exposer-service:" + version);
        assertThat(image(ChartRenderer.chart().set("exposer.image.tag", "abc123").render(), "exposer-service"))
                .isEqualTo(registry + "/perf-monitoring-exposer-service:abc123");
        // the quickstart's local builds, loaded into the nodes as localhost/perf-monitoring-<service>:dev
        assertThat(image(ChartRenderer.chart().set("image.registry", "localhost").set("image.tag", "dev").render(),
                "demo-api")).isEqualTo("localhost/perf-monitoring-demo-api:dev");
    }

    @Test
    void pushgatewayIsPinnedByTagAndDigestAndAMalformedDigestIsRefused() {
        Container pushgateway = ChartScenario.named("default").render()
                .resource(Deployment.class, ChartRenderer.DEFAULT_RELEASE + "-pushgateway")
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(pushgateway.getImage()).matches("prom/pushgateway:v\\d+\\.\\d+\\.\\d+@sha256:[0-9a-f]{64}");
        assertThat(image(ChartRenderer.chart().set("pushgateway.image.digest", "").render(), "pushgateway"))
                .matches("prom/pushgateway:v\\d+\\.\\d+\\.\\d+");
        assertThat(renderError("pushgateway.image.digest", "sha256:abc")).contains("/pushgateway/image/digest");
    }

    @Test
    void chartAppVersionIsAReleaseThatTheMavenProjectVersionHasReached() throws IOException {
        String pom = Files.readString(RepositoryRoot.path().resolve("pom.xml"));
        String appVersion = YAML.readTree(ChartRenderer.chartDirectory().resolve("Chart.yaml").toFile())
                .path("appVersion").asText();
        Matcher projectVersion = Pattern.compile("<artifactId>perf-monitoring-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);

        assertThat(projectVersion.find()).isTrue();
        assertThat(appVersion).as("appVersion, the published release").matches("\\d+\\.\\d+\\.\\d+");
        // the Maven version is that release or the development version of a later one (1.0.0-SNAPSHOT after 0.1.0)
        assertThat(compareReleases(projectVersion.group(1).replace("-SNAPSHOT", ""), appVersion))
                .as("Maven %s against appVersion %s", projectVersion.group(1), appVersion).isNotNegative();
    }

    private static int compareReleases(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < 3; i++) {
            int order = Integer.compare(Integer.parseInt(a[i]), Integer.parseInt(b[i]));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static String image(RenderedChart chart, String app) {
        Container container = chart.resource(Deployment.class, ChartRenderer.DEFAULT_RELEASE + "-" + app)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        return container.getImage();
    }

    private static String renderError(String key, Object value) {
        try {
            ChartRenderer.chart().set(key, value).render();
        } catch (ChartRenderException e) {
            return e.getMessage();
        }
        throw new AssertionError("--set " + key + "=" + value + " rendered without error");
    }
}
