package dev.perfmonitoring.deploy.chart;

import dev.perfmonitoring.localstack.chart.ChartRenderer;
import dev.perfmonitoring.localstack.chart.RenderedChart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfmonitoring.localstack.RepositoryRoot;
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
class ChartValuesTest {

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
    void nativeImagesByDefaultAndJvmImagesWithTheirTagSuffixFromARegistry() {
        assertThat(image(ChartScenario.named("default").render(), "demo-api"))
                .isEqualTo("perf-monitoring/demo-api:1.0.0-SNAPSHOT");
        assertThat(image(ChartScenario.named("jvm-images").render(), "exporter-service"))
                .isEqualTo("registry.example.invalid/perf/perf-monitoring/exporter-service:1.0.0-jvm");
        assertThat(image(ChartRenderer.chart().set("exposer.image.tag", "abc123").render(), "exposer-service"))
                .isEqualTo("perf-monitoring/exposer-service:abc123");
    }

    @Test
    void chartAppVersionIsTheMavenProjectVersion() throws IOException {
        String pom = Files.readString(RepositoryRoot.path().resolve("pom.xml"));
        String chart = Files.readString(ChartRenderer.chartDirectory().resolve("Chart.yaml"));
        Matcher projectVersion = Pattern.compile("<artifactId>perf-monitoring-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);

        assertThat(projectVersion.find()).isTrue();
        assertThat(chart).contains("appVersion: \"" + projectVersion.group(1) + "\"");
    }

    private static String image(RenderedChart chart, String app) {
        Container container = chart.resource(Deployment.class, ChartRenderer.DEFAULT_RELEASE + "-" + app)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        return container.getImage();
    }

    private static String renderError(String key, Object value) {
        try {
            ChartRenderer.chart().set(key, value).render();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("--set " + key + "=" + value + " rendered without error");
    }
}
