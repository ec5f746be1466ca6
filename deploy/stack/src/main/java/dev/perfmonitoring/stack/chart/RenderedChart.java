package dev.perfmonitoring.stack.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The output of one {@code helm template}: every document as parsed YAML and as fabric8's typed model, plus the two
 * things the rest of the suite takes from the chart: the rule file (the PrometheusRule's {@code .spec}) and the
 * dashboards (the JSON in the dashboard ConfigMaps).
 */
public final class RenderedChart {

    /** Label of the dashboard ConfigMaps (values: {@code monitoring.dashboards.label}, default). */
    public static final String DASHBOARD_LABEL = "grafana_dashboard";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private final String manifest;
    private final List<Document> documents;

    private RenderedChart(String manifest, List<Document> documents) {
        this.manifest = manifest;
        this.documents = List.copyOf(documents);
    }

    /** One rendered document: its YAML tree and the typed object fabric8 reads from it. */
    public record Document(ObjectNode yaml, KubernetesResource typed) {

        public String kind() {
            return yaml.path("kind").asText();
        }

        public String apiVersion() {
            return yaml.path("apiVersion").asText();
        }

        public String name() {
            return yaml.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name();
        }
    }

    public static RenderedChart parse(String manifest) {
        List<Document> documents = new ArrayList<>();
        try (var iterator = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest)) {
            while (iterator.hasNextValue()) {
                JsonNode node = iterator.nextValue();
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    documents.add(new Document(object, KUBERNETES.convertValue(object, KubernetesResource.class)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template output is not YAML:\n" + manifest, e);
        }
        return new RenderedChart(manifest, documents);
    }

    /** The manifest exactly as Helm rendered it. */
    public String manifest() {
        return manifest;
    }

    public List<Document> documents() {
        return documents;
    }

    /** The typed resources of one class, in rendering order. */
    public <T extends HasMetadata> List<T> resources(Class<T> type) {
        return documents.stream().map(Document::typed).filter(type::isInstance).map(type::cast).toList();
    }

    /** The resource of that class and name; fails naming what was rendered when there is none. */
    public <T extends HasMetadata> T resource(Class<T> type, String name) {
        return findResource(type, name).orElseThrow(() -> new NoSuchElementException(
                "no " + type.getSimpleName() + " named " + name + " in " + documents));
    }

    public <T extends HasMetadata> Optional<T> findResource(Class<T> type, String name) {
        return resources(type).stream().filter(resource -> name.equals(resource.getMetadata().getName())).findFirst();
    }

    /** The chart's PrometheusRule, if the values enabled it. */
    public Optional<PrometheusRule> prometheusRule() {
        return resources(PrometheusRule.class).stream().findFirst();
    }

    /**
     * The PrometheusRule's {@code .spec} as a Prometheus rule file ({@code groups: [...]}), exactly as the operator
     * hands it to Prometheus: load it with {@code --config.file}'s {@code rule_files}, or check it with promtool.
     */
    public String ruleFileYaml() {
        JsonNode spec = documents.stream()
                .filter(document -> "PrometheusRule".equals(document.kind()))
                .findFirst()
                .map(document -> document.yaml().path("spec"))
                .orElseThrow(() -> new IllegalStateException(
                        "no PrometheusRule rendered (monitoring.prometheusRule.enabled=false?)"));
        try {
            return YAML.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #ruleFileYaml()} to {@code file} and returns it. */
    public Path writeRuleFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, ruleFileYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dashboard: file name (e.g. {@code person-api-internals.json}) to its JSON, from the ConfigMaps. */
    public Map<String, String> dashboards() {
        Map<String, String> dashboards = new TreeMap<>();
        resources(ConfigMap.class).stream()
                .filter(configMap -> configMap.getMetadata().getLabels() != null
                        && configMap.getMetadata().getLabels().containsKey(DASHBOARD_LABEL))
                .forEach(configMap -> dashboards.putAll(configMap.getData()));
        return dashboards;
    }

    /** Writes every dashboard into {@code directory} under its file name (for Grafana provisioning or import). */
    public void writeDashboards(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> dashboard : dashboards().entrySet()) {
                Files.writeString(directory.resolve(dashboard.getKey()), dashboard.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
