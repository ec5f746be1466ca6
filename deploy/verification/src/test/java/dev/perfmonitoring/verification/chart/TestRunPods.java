package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods the k6-operator makes of a TestRun (k6.io/v1alpha1), for tests that cannot run the operator: what v1.6.0's
 * {@code pkg/resources/jobs/runner.go}, {@code initializer.go}, {@code starter.go} and {@code helpers.go} build from the
 * spec, as far as the chart's tests read them (image, command, environment, volumes and mounts, resources, security
 * contexts, ServiceAccount token, scheduling, labels). The operator's own choices are written down here with the source
 * they come from:
 * <ul>
 * <li>the script's ConfigMap is mounted, whole and read-only, at {@code /test} as volume {@code k6-test-volume}, and the
 * script is {@code /test/<script.configMap.file>} ({@code pkg/types/script.go}, {@code api/v1alpha1/testrun_types.go}
 * {@code ParseScript}); the runner's own volumes and mounts come after it, and every init container gets that mount
 * too;</li>
 * <li>a runner runs {@code k6 run [--quiet] [--execution-segment=… --execution-segment-sequence=…] <args> <script>
 * --address=0.0.0.0:6565 [--paused] --tag instance_id=<n> --tag testrun_name=<name>}, quiet and paused unless the spec
 * says "false", the segment flags only with parallelism above 1 ({@code pkg/segmentation/segmentation.go}), the
 * arguments from {@code spec.args} or else {@code spec.arguments} split on whitespace ({@code Argv});</li>
 * <li>defaults where the spec is silent: image {@code grafana/k6:latest} (runner, initializer) and
 * {@code ghcr.io/grafana/k6-operator:latest-starter} (starter), ServiceAccount {@code default} with its token mounted
 * ({@code automountServiceAccountToken}, a string, true unless "false"), the starter's resources 50m/2Mi requested and
 * 100m/200Mi limited;</li>
 * <li>init containers take the pod's pull policy and container security context (the CRD gives them neither);</li>
 * <li>the initializer is a copy of the runner when {@code spec.initializer} is absent; it runs {@code k6 archive} of
 * the script with every variable of its environment as {@code -e NAME=$(NAME)} and the arguments {@code k6 archive}
 * takes ({@code pkg/types/k6cli.go} {@code ParseCLI}), then {@code k6 inspect --execution-requirements};</li>
 * <li>{@code separate: true} replaces the runner's affinity by a required anti-affinity on {@code app=k6,
 * runner=true} per hostname; labels {@code app=k6}, {@code k6_cr=<name>} (and {@code runner=true} on runners) win over
 * the spec's {@code metadata.labels}.</li>
 * </ul>
 */
final class TestRunPods {

    static final String SCRIPT_VOLUME = "k6-test-volume";
    static final String SCRIPT_DIRECTORY = "/test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode spec;

    private TestRunPods(String name, JsonNode spec) {
        this.name = name;
        this.spec = spec;
    }

    static TestRunPods of(RenderedChart.Document testRun) {
        if (!testRun.kind().equals("TestRun") || !testRun.apiVersion().equals("k6.io/v1alpha1")) {
            throw new IllegalArgumentException(testRun + " is no k6.io/v1alpha1 TestRun");
        }
        return new TestRunPods(testRun.name(), testRun.yaml().path("spec"));
    }

    /** The TestRun of a rendered chart. */
    static TestRunPods in(RenderedChart chart) {
        return of(chart.documents().stream().filter(document -> document.kind().equals("TestRun")).findFirst()
                .orElseThrow(() -> new AssertionError("no TestRun in " + chart.documents())));
    }

    String name() {
        return name;
    }

    int parallelism() {
        return spec.path("parallelism").asInt();
    }

    /** The script's path in every pod. */
    String scriptPath() {
        return SCRIPT_DIRECTORY + "/" + spec.path("script").path("configMap").path("file").asText("test.js");
    }

    /** The ConfigMap mounted at {@link #SCRIPT_DIRECTORY}. */
    String scriptConfigMap() {
        return spec.path("script").path("configMap").path("name").asText();
    }

    /** The arguments the spec gives k6 ({@code Argv}: {@code args}, or else {@code arguments} split on whitespace). */
    List<String> argv() {
        if (spec.path("args").size() > 0) {
            return strings(spec.path("args"));
        }
        String arguments = spec.path("arguments").asText("").strip();
        return arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split("\\s+"));
    }

    /** Runner {@code index} (1 to parallelism): the Job {@code <name>-<index>}'s pod. */
    PodSpec runner(int index) {
        if (index < 1 || index > parallelism()) {
            throw new IllegalArgumentException("runner " + index + " of " + parallelism());
        }
        JsonNode runner = spec.path("runner");
        PodSpec pod = pod(runner, "grafana/k6:latest", runnerCommand(index));
        if (spec.path("separate").asBoolean(false)) {
            pod.setAffinity(convert(JSON.createObjectNode().set("podAntiAffinity", JSON.valueToTree(Map.of(
                    "requiredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
                            "labelSelector", Map.of("matchExpressions", List.of(
                                    Map.of("key", "app", "operator", "In", "values", List.of("k6")),
                                    Map.of("key", "runner", "operator", "In", "values", List.of("true")))),
                            "topologyKey", "kubernetes.io/hostname"))))), Affinity.class));
        }
        return pod;
    }

    /** The labels of runner pods. */
    Map<String, String> runnerLabels() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("app", "k6", "k6_cr", name, "runner", "true"));
        convertMap(spec.path("runner").path("metadata").path("labels")).forEach(labels::putIfAbsent);
        return labels;
    }

    /** The command of runner {@code index}'s k6 container. */
    List<String> runnerCommand(int index) {
        List<String> command = new ArrayList<>(List.of("k6", "run"));
        if (!"false".equals(spec.path("quiet").asText(""))) {
            command.add("--quiet");
        }
        int total = parallelism();
        if (total > 1) {
            List<String> sequence = new ArrayList<>(List.of("0"));
            for (int i = 1; i < total; i++) {
                sequence.add(i + "/" + total);
            }
            sequence.add("1");
            command.add("--execution-segment=" + sequence.get(index - 1) + ":" + sequence.get(index));
            command.add("--execution-segment-sequence=" + String.join(",", sequence));
        }
        command.addAll(argv());
        command.add(scriptPath());
        command.add("--address=0.0.0.0:6565");
        if (!"false".equals(spec.path("paused").asText(""))) {
            command.add("--paused");
        }
        command.addAll(List.of("--tag", "instance_id=" + index, "--tag", "testrun_name=" + name));
        return command;
    }

    /** The initializer's pod: {@code spec.initializer}, or a copy of the runner. */
    PodSpec initializer() {
        JsonNode initializer = spec.has("initializer") ? spec.path("initializer") : spec.path("runner");
        List<String> command = new ArrayList<>(List.of("sh", "-c", "<initializer script: k6 archive, then k6 inspect"
                + " --execution-requirements>", "sh", archivePath(), "k6", "archive", scriptPath()));
        for (EnvVar variable : list(initializer.path("env"), EnvVar.class)) {
            command.addAll(List.of("-e", variable.getName() + "=$(" + variable.getName() + ")"));
        }
        command.addAll(List.of("-O", archivePath()));
        command.addAll(archiveArgs());
        return pod(initializer, "grafana/k6:latest", command);
    }

    /** The starter's pod, which PATCHes each runner's REST API (port 6565) to unpause it. */
    PodSpec starter() {
        JsonNode starter = spec.path("starter");
        PodSpec pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(automount(starter))
                .withServiceAccountName(starter.path("serviceAccountName").asText("default"))
                .withRestartPolicy("Never")
                .withSecurityContext(convert(starter.path("securityContext"), PodSecurityContext.class))
                .withImagePullSecrets(list(starter.path("imagePullSecrets"), LocalObjectReference.class))
                .withNodeSelector(convertMap(starter.path("nodeSelector")))
                .withTolerations(list(starter.path("tolerations"), Toleration.class))
                .withContainers(new ContainerBuilder()
                        .withName("k6-curl")
                        .withImage(starter.path("image").asText("ghcr.io/grafana/k6-operator:latest-starter"))
                        .withImagePullPolicy(starter.path("imagePullPolicy").asText(null))
                        .withCommand("sh", "-c", "<curl -X PATCH http://<runner>:6565/v1/status for every runner>")
                        .withResources(starterResources(starter))
                        .withSecurityContext(convert(starter.path("containerSecurityContext"), SecurityContext.class))
                        .build())
                .build();
        if (starter.has("affinity")) {
            pod.setAffinity(convert(starter.path("affinity"), Affinity.class));
        }
        return pod;
    }

    /** Every pod of the run by a name: each runner, the initializer, the starter. */
    Map<String, PodSpec> all() {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (int index = 1; index <= parallelism(); index++) {
            pods.put("TestRun " + name + " runner " + index, runner(index));
        }
        pods.put("TestRun " + name + " initializer", initializer());
        pods.put("TestRun " + name + " starter", starter());
        return pods;
    }

    /**
     * The arguments the initializer passes to {@code k6 archive} ({@code ParseCLI}): every flag with its values except
     * outputs ({@code -o}/{@code --out}), {@code --log-output}, {@code --block-hostnames}, {@code --blacklist-ip},
     * {@code --user-agent}, {@code -l}/{@code --linger}, {@code --no-usage-report}, {@code -v}/{@code --verbose}.
     *
     * @throws IllegalArgumentException as the operator refuses the TestRun: an argument that is no flag and no flag's
     *                                  value ("encountered an invalid value for k6 CLI argument")
     */
    List<String> archiveArgs() {
        List<String> argv = argv();
        List<String> archive = new ArrayList<>();
        int i = 0;
        while (i < argv.size()) {
            String argument = argv.get(i);
            if (argument.isEmpty() || argument.charAt(0) != '-') {
                throw new IllegalArgumentException(
                        "encountered an invalid value for k6 CLI argument: `" + argument + "`");
            }
            int end = i + 1;
            while (end < argv.size()) {
                String next = argv.get(end);
                if (next.isEmpty()) {
                    if (end == i + 1) {
                        end++;
                    }
                    break;
                }
                if (next.charAt(0) == '-') {
                    break;
                }
                end++;
            }
            boolean skipped = argument.startsWith("--log-output") || argument.startsWith("--block-hostnames")
                    || argument.startsWith("--blacklist-ip") || argument.startsWith("--user-agent")
                    || List.of("-o", "--out", "-l", "--linger", "--no-usage-report", "--verbose", "-v")
                            .contains(argument);
            if (!skipped) {
                archive.addAll(argv.subList(i, end));
            }
            i = end;
        }
        return archive;
    }

    private String archivePath() {
        return "/tmp/" + scriptPath().substring(scriptPath().lastIndexOf('/') + 1) + ".archived.tar";
    }

    private PodSpec pod(JsonNode template, String defaultImage, List<String> command) {
        SecurityContext containerContext = convert(template.path("containerSecurityContext"), SecurityContext.class);
        String pullPolicy = template.path("imagePullPolicy").asText(null);
        List<VolumeMount> scriptMount = List.of(new VolumeMountBuilder().withName(SCRIPT_VOLUME)
                .withMountPath(SCRIPT_DIRECTORY).withReadOnly(true).build());
        List<Container> initContainers = new ArrayList<>();
        int number = 0;
        for (JsonNode init : template.path("initContainers")) {
            List<VolumeMount> mounts = new ArrayList<>(scriptMount);
            mounts.addAll(list(init.path("volumeMounts"), VolumeMount.class));
            initContainers.add(new ContainerBuilder()
                    .withName(init.path("name").asText("k6-init-" + number))
                    .withImage(init.path("image").asText(null))
                    .withCommand(strings(init.path("command")))
                    .withArgs(strings(init.path("args")))
                    .withEnv(list(init.path("env"), EnvVar.class))
                    .withVolumeMounts(mounts)
                    .withImagePullPolicy(pullPolicy)
                    .withSecurityContext(containerContext)
                    .withResources(convert(init.path("resources"), ResourceRequirements.class))
                    .build());
            number++;
        }
        List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName(SCRIPT_VOLUME)
                .withNewConfigMap().withName(scriptConfigMap()).endConfigMap().build()));
        volumes.addAll(list(template.path("volumes"), Volume.class));
        List<VolumeMount> mounts = new ArrayList<>(scriptMount);
        mounts.addAll(list(template.path("volumeMounts"), VolumeMount.class));
        PodSpec pod = new PodSpecBuilder()
                .withAutomountServiceAccountToken(automount(template))
                .withServiceAccountName(template.path("serviceAccountName").asText("default"))
                .withRestartPolicy("Never")
                .withSecurityContext(convert(template.path("securityContext"), PodSecurityContext.class))
                .withImagePullSecrets(list(template.path("imagePullSecrets"), LocalObjectReference.class))
                .withNodeSelector(convertMap(template.path("nodeSelector")))
                .withTolerations(list(template.path("tolerations"), Toleration.class))
                .withInitContainers(initContainers)
                .withContainers(new ContainerBuilder()
                        .withName("k6")
                        .withImage(template.path("image").asText(defaultImage))
                        .withImagePullPolicy(pullPolicy)
                        .withCommand(command)
                        .withEnv(list(template.path("env"), EnvVar.class))
                        .withResources(convert(template.path("resources"), ResourceRequirements.class))
                        .withVolumeMounts(mounts)
                        .withSecurityContext(containerContext)
                        .build())
                .withVolumes(volumes)
                .build();
        if (template.has("affinity")) {
            pod.setAffinity(convert(template.path("affinity"), Affinity.class));
        }
        return pod;
    }

    private static ResourceRequirements starterResources(JsonNode starter) {
        JsonNode resources = starter.path("resources");
        if (resources.path("requests").size() > 0 || resources.path("limits").size() > 0) {
            return convert(resources, ResourceRequirements.class);
        }
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("2Mi")))
                .withLimits(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("200Mi")))
                .build();
    }

    private static boolean automount(JsonNode template) {
        String value = template.path("automountServiceAccountToken").asText("");
        return value.isEmpty() || Boolean.parseBoolean(value);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        return JSON.convertValue(node.isMissingNode() ? JSON.createObjectNode() : node, type);
    }

    private static <T> List<T> list(JsonNode node, Class<T> type) {
        List<T> items = new ArrayList<>();
        node.forEach(item -> items.add(JSON.convertValue(item, type)));
        return items;
    }

    private static Map<String, String> convertMap(JsonNode node) {
        return node instanceof ObjectNode ? JSON.convertValue(node, new TypeReference<Map<String, String>>() {
        }) : Map.of();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
