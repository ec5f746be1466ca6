package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document the chart renders, under every ci scenario, is a resource fabric8's typed model knows
 * (kubernetes-client 7.7.0, openshift-model-monitoring 7.7.0) with no field the model does not know, and every
 * custom resource satisfies its CRD's schema: the Prometheus operator's ServiceMonitor and PrometheusRule, and the
 * k6-operator's TestRun, which fabric8 has no model of (its CRD's schema is its only check, and a complete one: the
 * CRD declares every field down to the containers' EnvVars and security contexts).
 */
class ChartModelIT {

    private static final Map<String, CrdSchema> CRDS = Stream.of(
                    CrdSchema.load("crd-servicemonitors.yaml"), CrdSchema.load("crd-prometheusrules.yaml"),
                    CrdSchema.load("crd-k6-testruns.yaml"))
            .collect(Collectors.toMap(CrdSchema::kind, Function.identity()));
    /** API groups of custom resources that fabric8's models do not cover: their CRD's schema checks them alone. */
    private static final Set<String> SCHEMA_ONLY_GROUPS = Set.of("k6.io");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void everyDocumentIsATypedResourceWithoutUnknownFields(ChartScenario scenario, @TempDir Path copy) {
        RenderedChart chart = renderWithTestHooks(scenario, copy);

        assertThat(chart.documents()).isNotEmpty();
        for (RenderedChart.Document document : chart.documents()) {
            if (SCHEMA_ONLY_GROUPS.contains(group(document))) {
                assertThat(CRDS).as("a CRD schema for %s", document).containsKey(document.kind());
                continue;
            }
            assertThat(document.typed())
                    .as("%s (%s) must map to a typed fabric8 class", document, document.apiVersion())
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(UnknownFields.in(document.typed()))
                    .as("fields of %s that fabric8's model does not know", document)
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void everyCustomResourceSatisfiesItsCrdSchema(ChartScenario scenario) {
        RenderedChart chart = scenario.render();

        Set<String> customGroups = CRDS.values().stream().map(CrdSchema::group).collect(Collectors.toSet());
        for (RenderedChart.Document document : chart.documents()) {
            if (customGroups.contains(group(document))) {
                assertThat(CRDS).as("a CRD for %s", document.kind()).containsKey(document.kind());
                assertThat(CRDS.get(document.kind()).violations(document.yaml()))
                        .as("%s against the %s CRD", document, document.kind())
                        .isEmpty();
            }
        }
    }

    @Test
    void unknownFieldsAreFoundAtAnyDepthOfTheTypedModel() throws Exception {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: probe, labelz: {a: b}}
                spec:
                  selector: {matchLabels: {app: probe}}
                  template:
                    metadata: {labels: {app: probe}}
                    spec:
                      containers:
                        - name: app
                          image: app:1
                          imagePullPolice: Always
                          securityContext: {capabilities: {drop: [ALL]}, readOnlyRootFileSystem: true}
                """;
        Deployment typed = new KubernetesSerialization().unmarshal(deployment, Deployment.class);

        assertThat(UnknownFields.in(typed)).containsExactlyInAnyOrder(
                "metadata.labelz",
                "spec.template.spec.containers[0].imagePullPolice",
                "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    @Test
    void crdSchemaRejectsUnknownFieldsWrongTypesAndMissingRequiredFields() throws Exception {
        ObjectNode serviceMonitor = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: probe}
                spec:
                  selectr: {}
                  endpoints:
                    - port: http
                      honorLabels: "yes"
                      scheme: gopher
                """);

        assertThat(CRDS.get("ServiceMonitor").violations(serviceMonitor)).containsExactlyInAnyOrder(
                "spec.selector: required",
                "spec.selectr: unknown field",
                "spec.endpoints[0].honorLabels: expected boolean, got STRING",
                "spec.endpoints[0].scheme: \"gopher\" is not one of [\"http\",\"https\",\"HTTP\",\"HTTPS\"]");
    }

    @Test
    void theK6OperatorScenarioRendersATestRunThatSatisfiesTheOperatorsCrd() {
        RenderedChart chart = ChartScenario.named("k6-operator").render();

        assertThat(chart.documents()).filteredOn(document -> document.kind().equals("TestRun")).singleElement()
                .satisfies(testRun -> {
                    assertThat(testRun.apiVersion()).isEqualTo("k6.io/v1alpha1");
                    assertThat(CRDS.get("TestRun").group()).isEqualTo("k6.io");
                    assertThat(CRDS.get("TestRun").violations(testRun.yaml())).isEmpty();
                });
    }

    @Test
    void crdSchemaRejectsATestRunTheApiServerWouldRefuseOrPrune() throws Exception {
        ObjectNode testRun = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: k6.io/v1alpha1
                kind: TestRun
                metadata: {name: probe}
                spec:
                  parallelism: "3"
                  cleanup: always
                  script:
                    configMap: {file: person-api.js}
                  args: --tag testid=x
                  runner:
                    automountServiceAccountToken: false
                    ttlSecondsAfterFinished: 60
                    env:
                      - {name: TESTID, valu: x}
                    initContainers:
                      - {name: wait, image: busybox, securityContext: {runAsNonRoot: true}}
                """);

        assertThat(CRDS.get("TestRun").violations(testRun)).containsExactlyInAnyOrder(
                "spec.parallelism: expected integer, got STRING",
                "spec.cleanup: \"always\" is not one of [\"post\"]",
                "spec.script.configMap.name: required",
                "spec.args: expected array, got STRING",
                "spec.runner.automountServiceAccountToken: expected string, got BOOLEAN",
                "spec.runner.ttlSecondsAfterFinished: unknown field",
                "spec.runner.env[0].valu: unknown field",
                "spec.runner.initContainers[0].securityContext: unknown field");
    }

    private static String group(RenderedChart.Document document) {
        String apiVersion = document.apiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static RenderedChart renderWithTestHooks(ChartScenario scenario, Path copy) {
        Path chart = ChartCopy.of(copy).withTestHooksAsResources().directory();
        RenderedChart rendered = ChartRenderer.chart(chart).valuesFile(scenario.valuesFile()).render();
        assertThat(rendered.documents()).map(RenderedChart.Document::kind).as("the helm test pod is rendered")
                .contains("Pod");
        return rendered;
    }
}
