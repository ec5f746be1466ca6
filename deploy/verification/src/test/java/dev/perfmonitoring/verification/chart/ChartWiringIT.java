package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered objects fit together the way kube-prometheus-stack and Kubernetes need: ServiceMonitors find their
 * Service and port, Services find their pods, the monitoring objects carry the stack's release label, the dashboards
 * and the k6 script are the chart's files, and every URL the chart wires in resolves to a Service of the release.
 */
class ChartWiringIT {

    private static final String NAMESPACE = ChartRenderer.DEFAULT_NAMESPACE;
    private static final String PREFIX = ChartRenderer.DEFAULT_RELEASE + "-";
    private static final List<String> APPS = List.of("demo-api", "exporter-service", "exposer-service");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void everyServiceMonitorSelectsExactlyOneServiceAndNamesAPortOfIt(ChartScenario scenario) {
        RenderedChart chart = scenario.render();

        for (ServiceMonitor monitor : chart.resources(ServiceMonitor.class)) {
            Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
            List<Service> selected = chart.resources(Service.class).stream()
                    .filter(service -> labelsMatch(service.getMetadata().getLabels(), selector))
                    .toList();
            assertThat(selected).as("Services selected by %s", name(monitor)).hasSize(1);
            Service service = selected.get(0);
            assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly(NAMESPACE);
            assertThat(service.getMetadata().getLabels()).as("the jobLabel of %s", name(monitor))
                    .containsKey(monitor.getSpec().getJobLabel());
            for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                assertThat(service.getSpec().getPorts()).map(ServicePort::getName)
                        .as("ports of %s scraped by %s", name(service), name(monitor))
                        .contains(endpoint.getPort());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void selectorsMatchPodLabelsAndEveryServiceReachesANamedContainerPort(ChartScenario scenario) {
        RenderedChart chart = scenario.render();

        for (Deployment deployment : chart.resources(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .as("pod labels of %s", name(deployment))
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("helm.sh/chart");
        }
        for (Service service : chart.resources(Service.class)) {
            Deployment backing = backingDeployment(chart, service);
            List<ContainerPort> containerPorts = backing.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(container -> container.getPorts().stream())
                    .toList();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPorts).map(ContainerPort::getName)
                        .as("container port %s behind %s", port.getTargetPort().getStrVal(), name(service))
                        .contains(port.getTargetPort().getStrVal());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void probesAndServiceMonitorsUseTheSamePortForHealthAndMetrics(ChartScenario scenario) {
        RenderedChart chart = scenario.render();

        for (String app : APPS) {
            Container container = onlyContainer(chart.resource(Deployment.class, PREFIX + app));
            String observabilityPort = container.getReadinessProbe().getHttpGet().getPort().getStrVal();
            assertThat(Stream.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())
                    .map(probe -> probe.getHttpGet()))
                    .extracting(HTTPGetAction::getPath)
                    .containsExactly("/q/health/started", "/q/health/live", "/q/health/ready");
            assertThat(Stream.of(container.getStartupProbe(), container.getLivenessProbe())
                    .map(probe -> probe.getHttpGet().getPort().getStrVal()))
                    .containsOnly(observabilityPort);
            assertThat(container.getPorts()).map(ContainerPort::getName).contains(observabilityPort);
            chart.findResource(ServiceMonitor.class, PREFIX + app).ifPresent(monitor ->
                    assertThat(monitor.getSpec().getEndpoints()).singleElement()
                            .satisfies(endpoint -> {
                                assertThat(endpoint.getPort()).isEqualTo(observabilityPort);
                                assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
                                assertThat(endpoint.getHonorLabels()).isFalse();
                            }));
        }
    }

    @Test
    void managementPortCarriesHealthAndMetricsWhenEnabled() {
        RenderedChart chart = ChartScenario.named("management-k6").render();

        for (String app : APPS) {
            Container container = onlyContainer(chart.resource(Deployment.class, PREFIX + app));
            assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                    .contains(tuple("management", 9000));
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
            assertThat(env(container)).containsEntry("QUARKUS_MANAGEMENT_ENABLED", "true")
                    .containsEntry("QUARKUS_MANAGEMENT_PORT", "9000");
            assertThat(chart.resource(ServiceMonitor.class, PREFIX + app).getSpec().getEndpoints())
                    .singleElement().extracting(Endpoint::getPort).isEqualTo("management");
        }
    }

    @Test
    void monitoringObjectsCarryTheDefaultStackReleaseLabelAndDashboardsTheSidecarLabel() {
        RenderedChart chart = ChartScenario.named("default").render();

        assertThat(monitoringObjectLabels(chart)).hasSize(4 + 1 + chart.dashboards().size())
                .allSatisfy(labels -> assertThat(labels).containsEntry("release", "kube-prometheus-stack"));
        assertThat(chart.resources(ServiceMonitor.class)).map(ChartWiringIT::name).containsExactlyInAnyOrder(
                PREFIX + "demo-api", PREFIX + "exporter-service", PREFIX + "exposer-service", PREFIX + "pushgateway");
    }

    @Test
    void monitoringObjectsCarryAConfiguredReleaseLabelAndExtraLabels() {
        RenderedChart chart = ChartScenario.named("management-k6").render();

        assertThat(monitoringObjectLabels(chart)).isNotEmpty().allSatisfy(labels -> assertThat(labels)
                .containsEntry("release", "prom").containsEntry("team", "performance"));
        assertThat(chart.resources(ConfigMap.class).stream().filter(ChartWiringIT::isDashboard))
                .allSatisfy(dashboard -> assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring"));
    }

    @Test
    void monitoringObjectsAreAbsentWhenSwitchedOff() {
        RenderedChart chart = ChartScenario.named("monitoring-off").render();

        assertThat(monitoringObjectLabels(chart)).isEmpty();
        assertThat(chart.resource(Service.class, PREFIX + "pushgateway").getMetadata().getAnnotations())
                .containsEntry("prometheus.io/probe", "pushgateway");
        assertThat(chart.resource(Deployment.class, PREFIX + "demo-api").getSpec().getTemplate().getMetadata()
                .getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", "7080");
    }

    @Test
    void pushgatewayIsScrapedWithHonorLabels() {
        ServiceMonitor monitor = ChartScenario.named("default").render()
                .resource(ServiceMonitor.class, PREFIX + "pushgateway");

        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getHonorLabels()).isTrue();
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void dashboardConfigMapsHoldTheDashboardFilesByteForByte(ChartScenario scenario) throws IOException {
        RenderedChart chart = scenario.render();
        List<ConfigMap> dashboards = chart.resources(ConfigMap.class).stream()
                .filter(ChartWiringIT::isDashboard).toList();
        if (dashboards.isEmpty()) {
            assertThat(scenario.name()).isEqualTo("monitoring-off");
            return;
        }

        try (Stream<Path> files = Files.list(ChartRenderer.chartDirectory().resolve("dashboards"))) {
            List<Path> jsonFiles = files.filter(file -> file.toString().endsWith(".json")).toList();
            assertThat(dashboards).hasSameSizeAs(jsonFiles);
            for (Path file : jsonFiles) {
                String fileName = file.getFileName().toString();
                ConfigMap configMap = chart.resource(ConfigMap.class,
                        PREFIX + "dashboard-" + fileName.replace(".json", ""));
                assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
                assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Performance testing");
                assertThat(configMap.getData()).containsOnlyKeys(fileName);
                assertThat(configMap.getData().get(fileName)).isEqualTo(Files.readString(file));
            }
        }
        for (Map.Entry<String, String> dashboard : chart.dashboards().entrySet()) {
            assertThat(new ObjectMapper().readTree(dashboard.getValue()).path("uid").asText())
                    .as("uid of %s", dashboard.getKey()).isNotBlank();
        }
    }

    @Test
    void exporterPushesToTheChartsOwnPushgatewayService() {
        RenderedChart chart = ChartScenario.named("default").render();

        String url = env(onlyContainer(chart.resource(Deployment.class, PREFIX + "exporter-service")))
                .get("PUSH_GATEWAY_URL");

        Service service = assertResolvesToAServiceOfTheRelease(chart, url);
        assertThat(name(service)).isEqualTo(PREFIX + "pushgateway");
        assertThat(name(backingDeployment(chart, service))).isEqualTo(PREFIX + "pushgateway");
    }

    @Test
    void exporterRunsAsOneReplicaAndIsReplacedStopFirst() {
        Deployment exporter = ChartScenario.named("default").render().resource(Deployment.class, PREFIX + "exporter-service");

        assertThat(exporter.getSpec().getReplicas()).isEqualTo(1);
        assertThat(exporter.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void exporterPushesToTheConfiguredPushgatewayWhenTheChartHasNone() {
        RenderedChart chart = ChartScenario.named("external-pushgateway").render();

        assertThat(env(onlyContainer(chart.resource(Deployment.class, PREFIX + "exporter-service"))))
                .containsEntry("PUSH_GATEWAY_URL", "http://prometheus-pushgateway.monitoring.svc:9091")
                .containsEntry("JOB_NAME", "perf-monitoring-loadtest");
        assertThat(chart.documents()).noneMatch(document -> document.name().endsWith("pushgateway"));
    }

    @Test
    void exporterTokenComesFromTheChartsSecretForTheExporterAndTheK6Run() {
        RenderedChart chart = ChartScenario.named("management-k6").render();
        String secret = PREFIX + "exporter-service-token";

        assertThat(chart.resource(Secret.class, secret).getData()).containsKey("token");
        Stream.of(onlyContainer(chart.resource(Deployment.class, PREFIX + "exporter-service")),
                        onlyContainer(chart.resource(Job.class, PREFIX + "k6-1")))
                .forEach(container -> assertThat(container.getEnv())
                        .filteredOn(variable -> variable.getName().equals("EXPORTER_TOKEN"))
                        .singleElement()
                        .satisfies(variable -> {
                            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
                            assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
                        }));
    }

    @Test
    void k6RunTargetsTheReleaseServicesWithTheChartsScriptAndRemoteWriteOfNativeHistogramsWithStaleMarkers()
            throws IOException {
        RenderedChart chart = ChartScenario.named("management-k6").render();
        Job job = chart.resource(Job.class, PREFIX + "k6-1");
        Container k6 = onlyContainer(job);
        Map<String, String> env = env(k6);

        assertThat(name(assertResolvesToAServiceOfTheRelease(chart, env.get("BASE_URL")))).isEqualTo(PREFIX + "demo-api");
        assertThat(name(assertResolvesToAServiceOfTheRelease(chart, env.get("EXPORTER_URL"))))
                .isEqualTo(PREFIX + "exporter-service");
        assertThat(env).containsEntry("K6_PROMETHEUS_RW_SERVER_URL",
                        "http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write")
                .containsEntry("K6_FEATURES", "native-histograms")
                .containsEntry("K6_PROMETHEUS_RW_STALE_MARKERS", "true")
                .containsEntry("SLO_FILE", "/scripts/slo-thresholds.json")
                .containsEntry("TESTID", "ci-run-1")
                .containsEntry("SCALE", "0.1")
                .doesNotContainKey("K6_PROMETHEUS_RW_TREND_STATS");
        assertThat(k6.getImage()).isEqualTo("grafana/k6:2.2.0");
        assertThat(k6.getArgs()).containsSubsequence("run", "--out", "experimental-prometheus-rw")
                .containsSubsequence("--tag", "testid=ci-run-1")
                .containsSubsequence("--summary-export", "/tmp/k6-summary.json")
                .endsWith("/scripts/person-api.js");
        Path k6Files = ChartRenderer.chartDirectory().resolve("files/k6");
        assertThat(chart.resource(ConfigMap.class, PREFIX + "k6-script").getData())
                .containsOnlyKeys("person-api.js", "person-scenarios.json", "slo-thresholds.json")
                .containsEntry("person-api.js", Files.readString(k6Files.resolve("person-api.js")))
                .containsEntry("person-scenarios.json", Files.readString(k6Files.resolve("person-scenarios.json")));
        String wait = String.join(" ", job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getCommand());
        assertThat(wait).contains("http://" + PREFIX + "demo-api." + NAMESPACE + ".svc:9000/q/health/ready");
    }

    @Test
    void k6OperatorRunnersTargetTheReleaseServicesAndTakeTheExporterTokenFromItsSecret() {
        RenderedChart chart = ChartScenario.named("k6-operator").render();
        Container k6 = TestRunPods.in(chart).runner(1).getContainers().get(0);
        Map<String, String> env = env(k6);

        assertThat(name(assertResolvesToAServiceOfTheRelease(chart, env.get("BASE_URL")))).isEqualTo(PREFIX + "demo-api");
        assertThat(name(assertResolvesToAServiceOfTheRelease(chart, env.get("EXPORTER_URL"))))
                .isEqualTo(PREFIX + "exporter-service");
        assertThat(env).containsEntry("K6_PROMETHEUS_RW_SERVER_URL",
                        "http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write")
                .containsEntry("TESTID", "ci-operator-run-1")
                .containsEntry("SLO_FILE", "/test/slo-thresholds.json");
        assertThat(k6.getEnv()).filteredOn(variable -> variable.getName().equals("EXPORTER_TOKEN")).singleElement()
                .satisfies(variable -> assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo(name(chart.resource(Secret.class, PREFIX + "exporter-service-token"))));
        String wait = String.join(" ", TestRunPods.in(chart).runner(1).getInitContainers().get(0).getCommand());
        assertThat(wait).contains("http://" + PREFIX + "demo-api." + NAMESPACE + ".svc:7080/q/health/ready");
    }

    @Test
    void pushgatewayPersistsToItsClaimWhenPersistenceIsOn() {
        RenderedChart chart = ChartScenario.named("persistence").render();
        Deployment pushgateway = chart.resource(Deployment.class, PREFIX + "pushgateway");
        PersistentVolumeClaim claim = chart.resource(PersistentVolumeClaim.class, PREFIX + "pushgateway");
        PodSpec pod = pushgateway.getSpec().getTemplate().getSpec();

        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(pushgateway.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(pod.getVolumes()).singleElement().satisfies(volume ->
                assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo(name(claim)));
        assertThat(onlyContainer(pushgateway).getArgs())
                .contains("--persistence.file=/data/pushgateway.data", "--persistence.interval=1m");
        assertThat(onlyContainer(pushgateway).getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/data"));
        assertThat(ChartScenario.named("default").render().resources(PersistentVolumeClaim.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void helmTestChecksTheReadinessOfEveryComponentThroughItsService(ChartScenario scenario, @TempDir Path copy) {
        Path chartCopy = ChartCopy.of(copy).withTestHooksAsResources().directory();
        RenderedChart chart = ChartRenderer.chart(chartCopy).valuesFile(scenario.valuesFile()).render();
        Pod test = chart.resource(Pod.class, PREFIX + "test-readiness");

        List<String> checked = test.getSpec().getContainers().stream().map(container -> {
            String url = container.getCommand().get(container.getCommand().size() - 1);
            Service service = assertResolvesToAServiceOfTheRelease(chart, url);
            assertThat(URI.create(url).getPath()).isIn("/q/health/ready", "/-/ready");
            return name(service);
        }).toList();
        assertThat(checked).containsExactlyInAnyOrderElementsOf(
                chart.resources(Service.class).stream().map(ChartWiringIT::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void helmTestMonitoringCheckExpectsExactlyWhatTheReleaseRenders(ChartScenario scenario, @TempDir Path copy)
            throws IOException {
        Path chartCopy = ChartCopy.of(copy).withTestHooksAsResources().directory();
        RenderedChart withHooks = ChartRenderer.chart(chartCopy).valuesFile(scenario.valuesFile()).render();
        RenderedChart release = scenario.render();
        MonitoringCheckHook hook = MonitoringCheckHook.of(withHooks);
        JsonNode checks = hook.checks();

        assertThat(hook.configMap().getData().get("check-monitoring.py")).as("the script, byte for byte")
                .isEqualTo(Files.readString(ChartRenderer.chartDirectory().resolve("files/tests/check-monitoring.py")));
        assertThat(checks.path("prometheusUrl").asText())
                .isEqualTo("http://kube-prometheus-stack-prometheus.monitoring.svc:9090");
        List<String> monitors = new ArrayList<>();
        checks.path("serviceMonitors").forEach(monitor -> {
            monitors.add(monitor.path("name").asText());
            assertThat(monitor.path("namespace").asText()).isEqualTo(NAMESPACE);
            assertThat(release.resource(Service.class, monitor.path("service").asText()).getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/name", monitor.path("job").asText());
        });
        assertThat(monitors).as("ServiceMonitors the check expects")
                .containsExactlyInAnyOrderElementsOf(release.resources(ServiceMonitor.class).stream()
                        .map(ChartWiringIT::name).toList());
        List<String> groups = new ArrayList<>();
        checks.path("prometheusRule").path("groups").forEach(group -> groups.add(group.asText()));
        assertThat(groups).as("rule groups the check expects")
                .containsExactlyElementsOf(release.prometheusRule().stream()
                        .flatMap(rule -> rule.getSpec().getGroups().stream()).map(group -> group.getName()).toList());
        // the receiver it asks is the one k6 writes to, wherever the chart renders k6's remote-write URL
        List<String> k6Urls = release.documents().stream()
                .flatMap(document -> document.yaml().findParents("name").stream())
                .filter(variable -> variable.path("name").asText().equals("K6_PROMETHEUS_RW_SERVER_URL"))
                .map(variable -> variable.path("value").asText()).toList();
        k6Urls.forEach(url -> assertThat(checks.path("remoteWrite").path("url").asText()).isEqualTo(url));
        assertThat(checks.path("remoteWrite").path("url").asText())
                .isEqualTo("http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write");
        assertThat(checks.path("remoteWrite").path("nativeHistograms").asBoolean()).isFalse();
        assertThat(checks.has("grafana")).as("no Grafana URL, no dashboard check").isFalse();
        assertThat(hook.pod().getSpec().getContainers()).singleElement().satisfies(container -> {
            assertThat(container.getImage()).matches("python:3\\.\\d+\\.\\d+-alpine[0-9.]+@sha256:[0-9a-f]{64}");
            assertThat(container.getCommand()).containsExactly("python3", "-B", "/checks/check-monitoring.py",
                    "/checks/checks.json");
            assertThat(container.getVolumeMounts()).singleElement()
                    .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/checks"));
        });
    }

    @Test
    void helmTestMonitoringCheckAsksGrafanaForEveryDashboardUidWithTheConfiguredSecret(@TempDir Path copy)
            throws IOException {
        MonitoringCheckHook hook = MonitoringCheckHook.render(copy, Map.of(
                "monitoring.test.grafana.url", "http://kube-prometheus-stack-grafana.monitoring.svc",
                "monitoring.test.grafana.existingSecret", "grafana-admin",
                "monitoring.releaseLabel", "prom",
                "k6.extraEnv[0].name", "K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM",
                "k6.extraEnv[0].value", "true"));
        JsonNode checks = hook.checks();
        Map<String, String> dashboards = ChartScenario.named("default").render().dashboards();

        List<String> uids = new ArrayList<>();
        checks.path("grafana").path("dashboards").forEach(dashboard -> {
            uids.add(dashboard.path("uid").asText());
            assertThat(dashboard.path("configMap").asText())
                    .isEqualTo(PREFIX + "dashboard-" + dashboard.path("file").asText().replace(".json", ""));
        });
        List<String> expected = new ArrayList<>();
        for (String json : dashboards.values()) {
            expected.add(new ObjectMapper().readTree(json).path("uid").asText());
        }
        assertThat(uids).containsExactlyInAnyOrderElementsOf(expected).hasSize(8);
        assertThat(checks.path("grafana").path("label").asText()).isEqualTo("grafana_dashboard");
        assertThat(checks.path("values").path("releaseLabel").asText()).isEqualTo("prom");
        assertThat(checks.path("remoteWrite").path("nativeHistograms").asBoolean()).isTrue();
        assertThat(hook.pod().getSpec().getContainers().get(0).getEnv())
                .filteredOn(variable -> variable.getValueFrom() != null)
                .extracting(EnvVar::getName, variable -> variable.getValueFrom().getSecretKeyRef().getName(),
                        variable -> variable.getValueFrom().getSecretKeyRef().getKey())
                .containsExactly(tuple("GRAFANA_USER", "grafana-admin", "admin-user"),
                        tuple("GRAFANA_PASSWORD", "grafana-admin", "admin-password"));
    }

    @Test
    void helmTestMonitoringCheckIsLeftOutWhenSwitchedOff(@TempDir Path copy) {
        Path chartCopy = ChartCopy.of(copy).withTestHooksAsResources().directory();
        RenderedChart chart = ChartRenderer.chart(chartCopy).set("monitoring.test.enabled", false).render();

        assertThat(chart.findResource(Pod.class, MonitoringCheckHook.NAME)).isEmpty();
        assertThat(chart.findResource(ConfigMap.class, MonitoringCheckHook.NAME)).isEmpty();
        assertThat(chart.findResource(Pod.class, PREFIX + "test-readiness")).isPresent();
    }

    /** The URL's host is {@code <service>.<namespace>.svc} and its port a port of that Service, which has pods. */
    private static Service assertResolvesToAServiceOfTheRelease(RenderedChart chart, String url) {
        URI uri = URI.create(url);
        assertThat(uri.getHost()).as(url).endsWith("." + NAMESPACE + ".svc");
        String serviceName = uri.getHost().substring(0, uri.getHost().indexOf('.'));
        Service service = chart.resource(Service.class, serviceName);
        assertThat(service.getSpec().getPorts()).map(ServicePort::getPort).as("ports of %s for %s", serviceName, url)
                .contains(uri.getPort());
        backingDeployment(chart, service);
        return service;
    }

    private static Deployment backingDeployment(RenderedChart chart, Service service) {
        List<Deployment> backing = chart.resources(Deployment.class).stream()
                .filter(deployment -> labelsMatch(deployment.getSpec().getTemplate().getMetadata().getLabels(),
                        service.getSpec().getSelector()))
                .toList();
        assertThat(backing).as("Deployments whose pods %s selects", name(service)).hasSize(1);
        return backing.get(0);
    }

    private static List<Map<String, String>> monitoringObjectLabels(RenderedChart chart) {
        return chart.documents().stream()
                .filter(document -> document.kind().equals("ServiceMonitor") || document.kind().equals("PrometheusRule")
                        || (document.typed() instanceof ConfigMap configMap && isDashboard(configMap)))
                .map(document -> ((HasMetadata) document.typed()).getMetadata().getLabels())
                .toList();
    }

    private static boolean isDashboard(ConfigMap configMap) {
        return Optional.ofNullable(configMap.getMetadata().getLabels()).orElse(Map.of())
                .containsKey(RenderedChart.DASHBOARD_LABEL);
    }

    private static boolean labelsMatch(Map<String, String> labels, Map<String, String> selector) {
        return labels != null && selector != null && !selector.isEmpty()
                && labels.entrySet().containsAll(selector.entrySet());
    }

    private static Container onlyContainer(Deployment deployment) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container onlyContainer(Job job) {
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
