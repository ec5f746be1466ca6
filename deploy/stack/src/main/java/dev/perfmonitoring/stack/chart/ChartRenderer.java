package dev.perfmonitoring.stack.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.perfmonitoring.stack.RepositoryRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the perf-monitoring chart with the real Helm engine (helm-java, no helm binary), like
 * {@code helm template}, including the {@code templates/tests/} hooks.
 *
 * <pre>{@code
 * RenderedChart chart = ChartRenderer.chart()
 *         .valuesFile(myValues)                       // any number, applied in order
 *         .set("slo.endpoints[0].latencySeconds", "0.25") // --set, after the files
 *         .render();
 * Path rules = chart.writeRuleFile(dir.resolve("rules.yml")); // the PrometheusRule's .spec: a Prometheus rule file
 * Map<String, String> dashboards = chart.dashboards();         // file name -> JSON, from the ConfigMaps
 * }</pre>
 */
public final class ChartRenderer {

    /** Release name used unless {@link #releaseName(String)} says otherwise. */
    public static final String DEFAULT_RELEASE = "perf-monitoring";
    /** Namespace used unless {@link #namespace(String)} says otherwise. */
    public static final String DEFAULT_NAMESPACE = "perf";
    /**
     * Kubernetes version rendered for unless {@link #kubeVersion(String)} says otherwise (Helm's own default, v1.20,
     * is below the chart's {@code kubeVersion} constraint).
     */
    public static final String DEFAULT_KUBE_VERSION = "v1.33.0";

    private final Path chartDirectory;
    private final List<Path> valuesFiles = new ArrayList<>();
    private final Map<String, Object> setValues = new LinkedHashMap<>();
    private String releaseName = DEFAULT_RELEASE;
    private String namespace = DEFAULT_NAMESPACE;
    private String kubeVersion = DEFAULT_KUBE_VERSION;

    private ChartRenderer(Path chartDirectory) {
        this.chartDirectory = chartDirectory;
    }

    /** The repository's chart, {@code helm/perf-monitoring}. */
    public static ChartRenderer chart() {
        return chart(chartDirectory());
    }

    /** A chart in another directory (for example a copy with other values as defaults). */
    public static ChartRenderer chart(Path chartDirectory) {
        return new ChartRenderer(chartDirectory);
    }

    /** The repository's chart directory, {@code helm/perf-monitoring}. */
    public static Path chartDirectory() {
        return RepositoryRoot.path().resolve("helm/perf-monitoring");
    }

    public ChartRenderer releaseName(String releaseName) {
        this.releaseName = releaseName;
        return this;
    }

    public ChartRenderer namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public ChartRenderer kubeVersion(String kubeVersion) {
        this.kubeVersion = kubeVersion;
        return this;
    }

    /** A values file, as {@code --values}; several are applied in the order given. */
    public ChartRenderer valuesFile(Path valuesFile) {
        valuesFiles.add(valuesFile);
        return this;
    }

    /** One value, as {@code --set key=value} (applied after the values files). */
    public ChartRenderer set(String key, Object value) {
        setValues.put(key, value);
        return this;
    }

    /**
     * Renders the chart.
     *
     * @throws ChartRenderException with Helm's message when rendering fails (a template error, a schema violation
     *                              or a {@code fail} in a template)
     */
    public RenderedChart render() {
        TemplateCommand template = new Helm(chartDirectory).template()
                .withName(releaseName)
                .withNamespace(namespace)
                .withKubeVersion(kubeVersion);
        valuesFiles.forEach(template::withValuesFile);
        setValues.forEach(template::set);
        String manifest;
        try {
            manifest = template.call();
        } catch (RuntimeException e) {
            String helmMessage = String.valueOf(e.getMessage()).replace("Use --debug flag to render out invalid YAML", "");
            throw new ChartRenderException("helm template " + chartDirectory + " " + describeValues() + " failed: "
                    + helmMessage.strip(), e);
        } finally {
            JvmSignals.reclaim();
        }
        return RenderedChart.parse(manifest);
    }

    private String describeValues() {
        List<String> arguments = new ArrayList<>();
        valuesFiles.forEach(file -> arguments.add("--values " + file));
        setValues.forEach((key, value) -> arguments.add("--set " + key + "=" + value));
        return String.join(" ", arguments);
    }
}
