package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The k6 run through the k6-operator ({@code k6.runner=operator}) is the Job's run spread over runner pods: the chart
 * renders a TestRun (k6.io/v1alpha1) only then, and the pods the operator makes of it ({@link TestRunPods}, v1.6.0's
 * rules) run the Job's k6 with the Job's options, environment, image, resources and security, read the script, the
 * scenario file and the SLO thresholds from the same ConfigMap, and differ from the Job only by what the operator adds:
 * the execution segment of each runner, {@code --quiet}, {@code --paused} until the starter starts them all, the REST
 * API address and the {@code instance_id} and {@code testrun_name} tags. That the CRD's schema accepts the TestRun is
 * {@code ChartModelIT}'s proof, that every pod runs restricted {@code ChartHardeningIT}'s, that the thresholds are
 * {@code slo.endpoints} {@code K6ScriptThresholdsTest}'s (deploy/stack), that the scenario's load splits as intended
 * {@code K6ScriptSegmentsTest}'s (deploy/stack).
 */
class K6OperatorIT {

    private static final String PREFIX = ChartRenderer.DEFAULT_RELEASE + "-";
    private static final String RUN = PREFIX + "k6-1";
    private static final String SCRIPT_CONFIG_MAP = PREFIX + "k6-script";
    private static final String OPERATOR_SCENARIO = "k6-operator";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void onlyTheOperatorRunnerNamesTheOperatorsApi(ChartScenario scenario) {
        RenderedChart chart = scenario.render();

        boolean operator = scenario.name().equals(OPERATOR_SCENARIO);
        assertThat(chart.manifest().contains("k6.io/")).as("the manifest of %s names k6.io", scenario)
                .isEqualTo(operator);
        assertThat(chart.documents()).filteredOn(document -> document.kind().equals("TestRun"))
                .hasSize(operator ? 1 : 0);
    }

    @Test
    void theRunnerValueChoosesBetweenTheJobAndTheTestRunAndK6OffRendersNeither() {
        RenderedChart job = ChartRenderer.chart().set("k6.enabled", true).render();
        RenderedChart operator = ChartRenderer.chart().set("k6.enabled", true).set("k6.runner", "operator").render();
        RenderedChart off = ChartRenderer.chart().set("k6.runner", "operator").render();

        assertThat(job.findResource(Job.class, RUN)).isPresent();
        assertThat(job.manifest()).doesNotContain("k6.io/");
        assertThat(operator.findResource(Job.class, RUN)).isEmpty();
        assertThat(TestRunPods.in(operator).name()).isEqualTo(RUN);
        assertThat(List.of(job, operator)).allSatisfy(chart ->
                assertThat(chart.findResource(ConfigMap.class, SCRIPT_CONFIG_MAP)).isPresent());
        assertThat(off.documents()).noneMatch(document -> document.name().startsWith(PREFIX + "k6"));
    }

    @Test
    void everyRunnerRunsTheJobsK6WithTheSameOptionsThenWhatTheOperatorAdds() {
        Container jobK6 = onlyContainer(jobOfTheOperatorScenario());
        TestRunPods testRun = TestRunPods.in(ChartScenario.named(OPERATOR_SCENARIO).render());
        List<String> jobArgs = jobK6.getArgs();
        List<String> options = jobArgs.subList(1, jobArgs.size() - 1);

        assertThat(jobArgs).startsWith("run").endsWith("/scripts/person-api.js");
        assertThat(options).containsSubsequence("--out", "experimental-prometheus-rw")
                .containsSubsequence("--tag", "testid=ci-operator-run-1")
                .containsSubsequence("--summary-export", "/tmp/k6-summary.json");
        assertThat(testRun.argv()).as("spec.args: the Job's options, as exact argv").isEqualTo(options);
        assertThat(testRun.parallelism()).isEqualTo(3);
        List<String> segments = List.of("0:1/3", "1/3:2/3", "2/3:1");
        for (int runner = 1; runner <= 3; runner++) {
            List<String> expected = new ArrayList<>(List.of("k6", "run", "--quiet",
                    "--execution-segment=" + segments.get(runner - 1), "--execution-segment-sequence=0,1/3,2/3,1"));
            expected.addAll(options);
            expected.addAll(List.of("/test/person-api.js", "--address=0.0.0.0:6565", "--paused",
                    "--tag", "instance_id=" + runner, "--tag", "testrun_name=" + RUN));
            assertThat(onlyContainer(testRun.runner(runner)).getCommand()).as("runner %d", runner)
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyRunnerGetsTheJobsEnvironmentImageResourcesSecurityAndWaitForDemoApi() {
        Job job = jobOfTheOperatorScenario();
        Container jobK6 = onlyContainer(job);
        PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        TestRunPods testRun = TestRunPods.in(ChartScenario.named(OPERATOR_SCENARIO).render());

        for (int runner = 1; runner <= testRun.parallelism(); runner++) {
            PodSpec pod = testRun.runner(runner);
            Container k6 = onlyContainer(pod);
            assertThat(k6.getEnv()).as("runner %d's environment: the Job's, SLO_FILE beside the script at /test", runner)
                    .isEqualTo(jobK6.getEnv().stream().map(variable -> variable.getName().equals("SLO_FILE")
                            ? new EnvVar("SLO_FILE", "/test/slo-thresholds.json", null) : variable).toList());
            assertThat(k6.getEnv()).extracting(EnvVar::getName).contains("BASE_URL", "TESTID", "SCALE", "SLO_FILE",
                    "EXPORTER_URL", "EXPORTER_TOKEN", "K6_PROMETHEUS_RW_SERVER_URL", "K6_FEATURES",
                    "K6_PROMETHEUS_RW_STALE_MARKERS");
            assertThat(k6.getImage()).isEqualTo(jobK6.getImage()).isEqualTo("grafana/k6:2.2.0");
            assertThat(k6.getResources()).isEqualTo(jobK6.getResources());
            assertThat(k6.getSecurityContext()).isEqualTo(jobK6.getSecurityContext());
            assertThat(pod.getSecurityContext()).isEqualTo(jobPod.getSecurityContext());
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getInitContainers()).singleElement().satisfies(wait -> {
                Container jobWait = jobPod.getInitContainers().get(0);
                assertThat(wait.getName()).isEqualTo(jobWait.getName()).isEqualTo("wait-for-demo-api");
                assertThat(wait.getImage()).isEqualTo(jobWait.getImage());
                assertThat(wait.getCommand()).isEqualTo(jobWait.getCommand());
                assertThat(wait.getResources()).isEqualTo(jobWait.getResources());
                assertThat(wait.getSecurityContext()).isEqualTo(jobWait.getSecurityContext());
            });
        }
    }

    @Test
    void runnersReadTheScriptTheScenarioFileAndTheThresholdsFromTheWholeConfigMapAtTest() {
        RenderedChart chart = ChartScenario.named(OPERATOR_SCENARIO).render();
        TestRunPods testRun = TestRunPods.in(chart);
        Map<String, String> files = chart.resource(ConfigMap.class, SCRIPT_CONFIG_MAP).getData();
        PodSpec runner = testRun.runner(1);
        Container k6 = onlyContainer(runner);

        assertThat(testRun.scriptConfigMap()).isEqualTo(SCRIPT_CONFIG_MAP);
        assertThat(testRun.scriptPath()).isEqualTo("/test/person-api.js");
        assertThat(files).containsOnlyKeys("person-api.js", "person-scenarios.json", "slo-thresholds.json");
        assertThat(runner.getVolumes()).filteredOn(volume -> volume.getName().equals(TestRunPods.SCRIPT_VOLUME))
                .singleElement().satisfies(volume -> {
                    assertThat(volume.getConfigMap().getName()).isEqualTo(SCRIPT_CONFIG_MAP);
                    assertThat(volume.getConfigMap().getItems()).as("the whole ConfigMap").isNullOrEmpty();
                });
        assertThat(k6.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .contains(tuple(TestRunPods.SCRIPT_VOLUME, "/test"),
                        tuple("tmp", "/tmp"));
        assertThat(runner.getVolumes()).filteredOn(volume -> volume.getName().equals("tmp")).singleElement()
                .extracting(Volume::getEmptyDir).isNotNull();
        String sloFile = env(k6).get("SLO_FILE");
        assertThat(sloFile).startsWith("/test/");
        assertThat(files).containsKey(sloFile.substring("/test/".length()));
        assertThat(files.get("person-api.js")).contains("const SCENARIO_FILE = './person-scenarios.json';");
    }

    @Test
    void theOperatorTakesTheArgumentsAndItsInitializerArchivesTheScriptWithTheTestidAndEveryVariable() {
        TestRunPods testRun = TestRunPods.in(ChartScenario.named(OPERATOR_SCENARIO).render());
        List<String> archive = testRun.archiveArgs();
        Container initializer = onlyContainer(testRun.initializer());
        List<String> command = initializer.getCommand();

        assertThat(archive).containsExactly("--tag", "testid=ci-operator-run-1", "--summary-export",
                "/tmp/k6-summary.json");
        assertThat(command).containsSubsequence("k6", "archive", "/test/person-api.js").endsWith(archive
                .toArray(String[]::new));
        for (EnvVar variable : initializer.getEnv()) {
            assertThat(command).containsSubsequence("-e", variable.getName() + "=$(" + variable.getName() + ")");
        }
        assertThat(initializer.getEnv()).isEqualTo(onlyContainer(testRun.runner(1)).getEnv());
        assertThat(initializer.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/test", "/tmp");
        RenderedChart.Document positional = withArgs(testRunDocument(ChartScenario.named(OPERATOR_SCENARIO).render()),
                "person-api.js", "--tag", "testid=x");
        assertThatThrownBy(() -> TestRunPods.of(positional).archiveArgs())
                .as("a leading positional argument, which the operator refuses (later ones are taken as a flag's values)")
                .hasMessageContaining("encountered an invalid value for k6 CLI argument: `person-api.js`");
    }

    @Test
    void theTestRunIsNamedLikeTheJobByRevisionAndItsPodsCarryTheTestid() {
        RenderedChart chart = ChartScenario.named(OPERATOR_SCENARIO).render();
        RenderedChart.Document document = testRunDocument(chart);
        TestRunPods testRun = TestRunPods.of(document);
        Pattern alertedJobs = Pattern.compile(PREFIX + "k6-[0-9]+(-[0-9]+)?");

        assertThat(document.name()).isEqualTo(RUN).isEqualTo(jobOfTheOperatorScenario().getMetadata().getName());
        assertThat(document.yaml().path("metadata").path("annotations").path("perf-monitoring/testid").asText())
                .isEqualTo("ci-operator-run-1");
        assertThat(testRun.runnerLabels()).containsEntry("app", "k6").containsEntry("k6_cr", RUN)
                .containsEntry("runner", "true").containsEntry("perf-monitoring/testid", "ci-operator-run-1")
                .containsEntry("app.kubernetes.io/instance", ChartRenderer.DEFAULT_RELEASE);
        assertThat(List.of(RUN + "-1", RUN + "-2", RUN + "-3")).as("runner Jobs, watched by the remote-write alert")
                .allMatch(name -> alertedJobs.matcher(name).matches());
        assertThat(List.of(RUN + "-initializer", RUN + "-starter")).noneMatch(name -> alertedJobs.matcher(name).matches());
    }

    @Test
    void parallelismSeparateCleanupAndSchedulingComeFromValues() {
        TestRunPods separate = TestRunPods.in(ChartScenario.named(OPERATOR_SCENARIO).render());
        RenderedChart configured = ChartRenderer.chart().set("k6.enabled", true).set("k6.runner", "operator")
                .set("k6.operator.parallelism", 5).set("k6.operator.cleanup", "post")
                .set("k6.nodeSelector.pool", "load").set("k6.tolerations[0].key", "load")
                .set("k6.tolerations[0].operator", "Exists").render();
        TestRunPods testRun = TestRunPods.in(configured);

        assertThat(separate.runner(2).getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        assertThat(testRun.parallelism()).isEqualTo(5);
        assertThat(testRun.all()).hasSize(5 + 2);
        assertThat(testRun.runner(5).getNodeSelector()).containsExactly(Map.entry("pool", "load"));
        assertThat(testRun.runner(5).getTolerations()).singleElement()
                .satisfies(toleration -> assertThat(toleration.getKey()).isEqualTo("load"));
        assertThat(testRun.runner(5).getAffinity()).isNull();
        assertThat(testRunDocument(configured).yaml().path("spec").path("cleanup").asText()).isEqualTo("post");
        assertThat(ChartScenario.named(OPERATOR_SCENARIO).render().manifest()).doesNotContain("cleanup:");
    }

    @Test
    void noPodOfTheRunMountsAServiceAccountTokenThoughTheOperatorWouldByDefaultAndTheStarterIsPinned()
            throws Exception {
        TestRunPods testRun = TestRunPods.in(ChartScenario.named(OPERATOR_SCENARIO).render());
        ObjectNode bare = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: k6.io/v1alpha1
                kind: TestRun
                metadata: {name: bare}
                spec:
                  parallelism: 1
                  script: {configMap: {name: scripts, file: test.js}}
                """);
        TestRunPods defaults = TestRunPods.of(new RenderedChart.Document(bare, null));

        assertThat(testRun.all().values()).extracting(PodSpec::getAutomountServiceAccountToken).containsOnly(false);
        assertThat(defaults.all().values()).extracting(PodSpec::getAutomountServiceAccountToken).containsOnly(true);
        assertThat(onlyContainer(testRun.starter()).getImage()).isEqualTo("ghcr.io/grafana/k6-operator:starter-v1.6.0");
        assertThat(onlyContainer(defaults.starter()).getImage()).endsWith(":latest-starter");
    }

    @Test
    void schemaRefusesAnUnknownRunnerAParallelismBelowOneAndAnUnknownCleanup() {
        assertThat(renderError("k6.runner", "pods")).contains("/k6/runner");
        assertThat(renderError("k6.operator.parallelism", 0)).contains("/k6/operator/parallelism");
        assertThat(renderError("k6.operator.cleanup", "always")).contains("/k6/operator/cleanup");
    }

    private static Job jobOfTheOperatorScenario() {
        return ChartRenderer.chart().valuesFile(ChartScenario.named(OPERATOR_SCENARIO).valuesFile())
                .set("k6.runner", "job").render().resource(Job.class, RUN);
    }

    private static RenderedChart.Document testRunDocument(RenderedChart chart) {
        return chart.documents().stream().filter(document -> document.kind().equals("TestRun")).findFirst()
                .orElseThrow();
    }

    private static RenderedChart.Document withArgs(RenderedChart.Document testRun, String... args) {
        ObjectNode copy = testRun.yaml().deepCopy();
        ((ObjectNode) copy.path("spec")).set("args", new ObjectMapper().valueToTree(List.of(args)));
        return new RenderedChart.Document(copy, testRun.typed());
    }

    private static Container onlyContainer(Job job) {
        return onlyContainer(job.getSpec().getTemplate().getSpec());
    }

    private static Container onlyContainer(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static String renderError(String key, Object value) {
        try {
            ChartRenderer.chart().set("k6.enabled", true).set("k6.runner", "operator").set(key, value).render();
        } catch (ChartRenderException e) {
            return e.getMessage();
        }
        throw new AssertionError("--set " + key + "=" + value + " rendered without error");
    }
}
