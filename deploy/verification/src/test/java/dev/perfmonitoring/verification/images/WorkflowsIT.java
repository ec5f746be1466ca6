package dev.perfmonitoring.verification.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflows parse and hold their structure: every action pinned to a commit with its exact version beside
 * it, read-only permissions except the one job that publishes images, a timeout on every job, the JVM verify running
 * the test command, the native build on Mandrel of the GraalVM version Quarkus builds for, an image of every
 * Dockerfile of every service, the chart installed into kind next to kube-prometheus-stack with values it accepts.
 * Shell lines are the workflows' own business: the checks read jobs, steps, matrices and environments, not scripts.
 */
class WorkflowsIT {

    private static final Path WORKFLOWS = RepositoryRoot.path().resolve(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code uses: owner/repo[/path]@<40-hex commit> # vX.Y.Z} on one line. */
    private static final Pattern PINNED_LINE = Pattern.compile(
            "\\s*(- )?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v[0-9]+\\.[0-9]+\\.[0-9]+");

    record Workflow(Path path, String text, JsonNode tree) {

        JsonNode job(String name) {
            JsonNode job = tree.path("jobs").path(name);
            assertThat(job.isObject()).as("%s has a job '%s'", path.getFileName(), name).isTrue();
            return job;
        }

        List<JsonNode> steps() {
            List<JsonNode> steps = new ArrayList<>();
            tree.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
            return steps;
        }
    }

    static List<Workflow> workflows() {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted()
                    .map(WorkflowsIT::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workflow workflow(String fileName) {
        return read(WORKFLOWS.resolve(fileName));
    }

    @Test
    void kindJobInstallsTheChartWithValuesTheChartAccepts() {
        String install = workflow("containers.yml").job("kind").path("steps").findValues("run").stream()
                .map(JsonNode::asText)
                .filter(run -> run.contains("helm install perf-monitoring helm/perf-monitoring"))
                .findFirst().orElseThrow(() -> new AssertionError("no helm install of the chart in the kind job"));
        Matcher set = Pattern.compile("--set ([\\w.]+)=(\\S+)").matcher(install);
        ChartRenderer chart = ChartRenderer.chart();
        int values = 0;
        while (set.find()) {
            chart.set(set.group(1), set.group(2));
            values++;
        }
        assertThat(values).as("--set values in: " + install).isPositive();

        JsonNode images = workflow("containers.yml").job("images");
        List<String> loaded = new ArrayList<>();
        images.path("strategy").path("matrix").path("include").forEach(entry -> loaded.add(images.path("env")
                .path("LOCAL_IMAGE").asText().replace("${{ matrix.service }}", entry.path("service").asText())
                + ":native-micro"));
        List<String> pulled = chart.render().resources(Deployment.class).stream()
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                .map(Container::getImage)
                .filter(image -> !image.startsWith("prom/"))
                .toList();
        // the images the images job builds as LOCAL_IMAGE:native-micro and the kind job loads into the nodes
        assertThat(loaded).hasSize(3).allMatch(image -> image.startsWith("localhost/perf-monitoring-"));
        assertThat(pulled).containsExactlyInAnyOrderElementsOf(loaded);
    }

    @Test
    void workflowsParseAndEachHasTriggersAndJobs() {
        assertThat(workflows()).extracting(workflow -> workflow.path().getFileName().toString())
                .containsExactly("containers.yml", "native.yml", "verify.yml");
        for (Workflow workflow : workflows()) {
            assertThat(workflow.tree().path("on").isObject()).as("%s: on", workflow.path()).isTrue();
            assertThat(workflow.tree().path("jobs").size()).as("%s: jobs", workflow.path()).isPositive();
        }
    }

    @Test
    void everyActionIsPinnedToACommitWithItsExactVersionBesideIt() {
        for (Workflow workflow : workflows()) {
            List<String> uses = workflow.steps().stream().filter(step -> step.has("uses"))
                    .map(step -> step.get("uses").asText()).toList();
            List<String> pinnedLines = workflow.text().lines().filter(line -> PINNED_LINE.matcher(line).matches())
                    .toList();

            assertThat(uses).as("%s uses actions", workflow.path()).isNotEmpty();
            assertThat(uses).as("%s: every uses names a full commit", workflow.path())
                    .allMatch(reference -> reference.matches("[^@]+@[0-9a-f]{40}"));
            assertThat(pinnedLines).as("%s: every uses line carries '# vX.Y.Z'", workflow.path()).hasSameSizeAs(uses);
        }
    }

    @Test
    void topLevelPermissionsAreReadOnly() {
        for (Workflow workflow : workflows()) {
            JsonNode permissions = workflow.tree().path("permissions");

            assertThat(permissions.isObject()).as("%s: top-level permissions", workflow.path()).isTrue();
            assertThat(permissions.path("contents").asText()).isEqualTo("read");
            permissions.fields().forEachRemaining(scope -> assertThat(scope.getValue().asText())
                    .as("%s: permissions.%s", workflow.path(), scope.getKey()).isIn("read", "none"));
        }
    }

    @Test
    void onlyTheJobThatPublishesImagesMayWriteAndOnlyPackages() {
        List<String> writers = new ArrayList<>();
        for (Workflow workflow : workflows()) {
            workflow.tree().path("jobs").fields().forEachRemaining(job -> {
                JsonNode permissions = job.getValue().path("permissions");
                assertThat(permissions.isTextual()).as("%s: jobs.%s.permissions is not read-all/write-all",
                        workflow.path(), job.getKey()).isFalse();
                permissions.fields().forEachRemaining(scope -> {
                    if (scope.getValue().asText().equals("write")) {
                        writers.add(workflow.path().getFileName() + ":" + job.getKey() + ":" + scope.getKey());
                    }
                });
            });
        }

        assertThat(writers).containsExactly("containers.yml:images:packages");
        JsonNode login = step(workflow("containers.yml").job("images"), "docker/login-action");
        assertThat(login.path("if").asText()).isEqualTo("github.event_name == 'push'");
        assertThat(login.path("with").path("registry").asText()).isEqualTo("ghcr.io");
        assertThat(workflow("containers.yml").tree().path("on").path("push"))
                .hasToString("{\"branches\":[\"main\"],\"tags\":[\"v*\"]}");
    }

    @Test
    void everyJobHasATimeout() {
        for (Workflow workflow : workflows()) {
            workflow.tree().path("jobs").fields().forEachRemaining(job -> assertThat(
                    job.getValue().path("timeout-minutes").asInt()).as("%s: jobs.%s.timeout-minutes",
                    workflow.path(), job.getKey()).isBetween(1, 90));
        }
    }

    @Test
    void jvmVerifyRunsTheTestCommand() {
        assertThat(runs(workflow("verify.yml").job("verify"))).anyMatch(run -> run.contains("./deploy/test.sh"));
    }

    @Test
    void nativeBuildRunsTheItsAgainstMandrelExecutablesOfTheVersionQuarkusBuildsFor() {
        JsonNode job = workflow("native.yml").job("native");
        JsonNode setup = step(job, "graalvm/setup-graalvm").path("with");
        int graalvm = NativeSources.of(ServiceModule.all().get(0)).graalvmMajorVersion();

        assertThat(setup.path("distribution").asText()).isEqualTo("mandrel");
        assertThat(setup.path("java-version").asText()).as("Mandrel for the GraalVM %s the native build expects", graalvm)
                .isEqualTo(String.valueOf(graalvm));
        assertThat(runs(job)).anyMatch(run -> run.contains("verify") && run.contains("-Pnative"));
    }

    @Test
    void imageJobBuildsAnImageOfEveryDockerfileOfEveryService() throws IOException {
        JsonNode job = workflow("containers.yml").job("images");
        List<Map.Entry<String, Integer>> matrix = new ArrayList<>();
        job.path("strategy").path("matrix").path("include").forEach(entry -> matrix.add(
                Map.entry(entry.path("service").asText(), entry.path("port").asInt())));
        Set<String> flavors = new TreeSet<>(List.of(job.path("env").path("FLAVORS").asText().split("\\s+")));

        assertThat(matrix).containsExactlyElementsOf(ServiceModule.all().stream()
                .map(service -> Map.entry(service.name(), service.httpPort())).toList());
        for (ServiceModule service : ServiceModule.all()) {
            try (Stream<Path> dockerfiles = Files.list(service.directory().resolve("src/main/docker"))) {
                assertThat(dockerfiles.map(file -> file.getFileName().toString())
                        .filter(name -> name.startsWith("Dockerfile."))
                        .map(name -> name.substring("Dockerfile.".length())))
                        .as("Dockerfiles of %s, one image each (env FLAVORS of the images job)", service.name())
                        .containsExactlyInAnyOrderElementsOf(flavors);
            }
        }
        assertThat(runs(job)).as("the native executable is built in the Mandrel builder container")
                .anyMatch(run -> run.contains("-Pnative") && run.contains("-Dquarkus.native.container-build=true"));
    }

    @Test
    void clusterJobInstallsKubePrometheusStackThenTheChartIntoKindThenTestsIt() {
        Workflow workflow = workflow("containers.yml");
        JsonNode kind = workflow.job("kind");
        List<String> stepNames = new ArrayList<>();
        kind.path("steps").forEach(step -> stepNames.add(step.path("name").asText()));

        assertThat(workflow.job("chart-lint").path("steps").findValues("run")).isNotEmpty();
        assertThat(kind.path("needs")).hasToString("[\"images\",\"chart-lint\"]");
        assertThat(step(kind, "helm/kind-action").path("with").path("cluster_name").asText()).isNotBlank();
        assertThat(stepNames).containsSubsequence("Install kube-prometheus-stack", "Install the chart", "Helm tests");
    }

    private static JsonNode step(JsonNode job, String action) {
        List<JsonNode> steps = new ArrayList<>();
        job.path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith(action + "@")) {
                steps.add(step);
            }
        });
        assertThat(steps).as("steps using " + action).hasSize(1);
        return steps.get(0);
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> {
            if (step.has("run")) {
                runs.add(step.get("run").asText().strip());
            }
        });
        return runs;
    }

    private static Workflow read(Path file) {
        try {
            String text = Files.readString(file);
            return new Workflow(file, text, YAML.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }
}
