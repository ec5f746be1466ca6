package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests quarkus-kubernetes generates for each service ({@code <service>/target/kubernetes/kubernetes.yml},
 * written by the service's build, which the reactor runs before this module) agree with the chart's defaults:
 * container and Service ports, probe paths and ports, the name/part-of labels and selectors; and they hold no
 * ServiceMonitor, so that the chart's ServiceMonitors stay the only ones. The version label differs on purpose: Quarkus
 * writes the build's Maven version (a development version), the chart the release its image tag names (appVersion).
 */
class QuarkusManifestsIT {

    private static final List<String> SHARED_LABELS =
            List.of("app.kubernetes.io/name", "app.kubernetes.io/part-of");
    private static final String VERSION = "app.kubernetes.io/version";

    private static final RenderedChart CHART = ChartScenario.named("default").render();

    @ParameterizedTest
    @ValueSource(strings = {"demo-api", "exporter-service", "exposer-service"})
    void generatedManifestsHoldOnlyADeploymentAndAServiceThatAgreeWithTheChart(String service) throws IOException {
        RenderedChart quarkus = RenderedChart.parse(Files.readString(generatedManifests(service)));

        assertThat(quarkus.documents()).map(RenderedChart.Document::kind)
                .as("kinds in %s's kubernetes.yml (a ServiceMonitor there would scrape it twice)", service)
                .containsExactlyInAnyOrder("Service", "Deployment");
        Deployment quarkusDeployment = quarkus.resource(Deployment.class, service);
        Deployment chartDeployment = CHART.resource(Deployment.class, ChartRenderer.DEFAULT_RELEASE + "-" + service);
        Service quarkusService = quarkus.resource(Service.class, service);
        Service chartService = CHART.resource(Service.class, ChartRenderer.DEFAULT_RELEASE + "-" + service);
        Container quarkusContainer = quarkusDeployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Container chartContainer = chartDeployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> chartPodLabels = chartDeployment.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(quarkusContainer.getName()).isEqualTo(chartContainer.getName());
        assertThat(portsByName(quarkusContainer)).isEqualTo(portsByName(chartContainer));
        for (Function<Container, Probe> probe : List.<Function<Container, Probe>>of(
                Container::getStartupProbe, Container::getLivenessProbe, Container::getReadinessProbe)) {
            assertThat(probe.apply(quarkusContainer).getHttpGet().getPath())
                    .isEqualTo(probe.apply(chartContainer).getHttpGet().getPath());
            assertThat(portNumber(probe.apply(quarkusContainer).getHttpGet().getPort(), quarkusContainer))
                    .isEqualTo(portNumber(probe.apply(chartContainer).getHttpGet().getPort(), chartContainer));
        }
        assertThat(quarkusService.getSpec().getPorts()).hasSameSizeAs(chartService.getSpec().getPorts());
        for (ServicePort port : quarkusService.getSpec().getPorts()) {
            ServicePort chartPort = chartService.getSpec().getPorts().stream()
                    .filter(candidate -> candidate.getName().equals(port.getName())).findFirst().orElseThrow();
            assertThat(port.getPort()).as("Service port %s", port.getName()).isEqualTo(chartPort.getPort());
            assertThat(portNumber(port.getTargetPort(), quarkusContainer))
                    .isEqualTo(portNumber(chartPort.getTargetPort(), chartContainer));
        }
        Map<String, String> quarkusPodLabels = quarkusDeployment.getSpec().getTemplate().getMetadata().getLabels();
        for (String label : SHARED_LABELS) {
            assertThat(quarkusPodLabels.get(label)).as(label).isNotNull().isEqualTo(chartPodLabels.get(label));
        }
        assertThat(quarkusPodLabels.get(VERSION)).as("Quarkus's %s: the Maven version", VERSION).isNotBlank();
        assertThat(chartPodLabels.get(VERSION)).as("the chart's %s: the release the image tag names", VERSION)
                .isEqualTo(chartContainer.getImage().substring(chartContainer.getImage().lastIndexOf(':') + 1));
        assertThat(chartPodLabels)
                .as("chart pods carry the labels the generated selectors select by")
                .containsAllEntriesOf(quarkusDeployment.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(quarkusService.getSpec().getSelector());
    }

    private static Path generatedManifests(String service) {
        Path manifests = RepositoryRoot.path().resolve(service + "/target/kubernetes/kubernetes.yml");
        assertThat(manifests)
                .as("%s is written by %s's build (quarkus-kubernetes); build the services first, e.g."
                        + " ./mvnw verify -pl deploy/verification -am", manifests, service)
                .isRegularFile();
        return manifests;
    }

    private static Map<String, Integer> portsByName(Container container) {
        return container.getPorts().stream()
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }

    /** A probe or target port, numeric or named, as the container port number it means. */
    private static int portNumber(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return portsByName(container).get(port.getStrVal());
    }
}
