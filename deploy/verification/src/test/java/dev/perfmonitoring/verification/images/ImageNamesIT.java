package dev.perfmonitoring.verification.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.verification.chart.ChartScenario;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One name for every service image: what a default install pulls is what {@code containers.yml} publishes for the
 * git tag {@code v<appVersion>}. The chart is rendered with the real Helm engine; the workflow is read as structure
 * (the images job's matrix and environment, the step that takes the registry and version from the chart, the
 * {@code docker/metadata-action} tag rules and flavor), and the tags those rules give a version tag are computed
 * the way metadata-action documents them ({@code type=semver,pattern={{version}}} turns {@code v0.1.0} into
 * {@code 0.1.0}; {@code latest} comes with every semver tag).
 */
class ImageNamesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("\\$\\{\\{ matrix\\.(\\w+) }}");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{\\{ env\\.(\\w+) }}");
    private static final String NAMING_STEP_OUTPUT = "${{ steps.chart.outputs.image }}";
    private static final List<String> APPS = List.of("demo-api", "exporter-service", "exposer-service");

    @Test
    void defaultImagesNameTheOwnersContainerRegistryAndAReleasedVersion() {
        JsonNode values = chartValues();

        assertThat(appVersion()).as("Chart.yaml appVersion: a release a v<X.Y.Z> tag publishes, never a SNAPSHOT")
                .matches(RELEASE);
        assertThat(values.path("image").path("registry").asText())
                .as("image.registry: the GitHub Container Registry of an owner, in lower case as the workflow writes it")
                .matches("ghcr\\.io/[a-z0-9][a-z0-9-]*");
        assertThat(values.path("image").path("tag").asText()).as("image.tag defaults to appVersion").isEmpty();
        assertThat(values.path("image").path("flavor").asText()).isEqualTo("native");
        for (String key : List.of("demoApi", "exporter", "exposer")) {
            assertThat(values.path(key).path("image").path("tag").asText()).as("%s.image.tag", key).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void everyScenarioPullsImagesThatTheReleaseOfTheChartsAppVersionPublishes(ChartScenario scenario) {
        RenderedChart chart = scenario.render();
        Set<String> published = new LinkedHashSet<>();
        for (String service : matrixServices()) {
            published.addAll(publishedFor(service, "v" + appVersion()));
        }

        List<String> pulled = APPS.stream().map(app -> chart.resource(Deployment.class,
                        ChartRenderer.DEFAULT_RELEASE + "-" + app).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage()).toList();

        assertThat(pulled).as("images of %s; a release v%s publishes %s", scenario, appVersion(), published)
                .allMatch(published::contains);
    }

    @Test
    void theReleaseOfTheAppVersionPublishesTheNativeImageUnderTheVersionAndTheJvmImageWithTheChartsSuffix() {
        String registry = chartValues().path("image").path("registry").asText();
        String version = appVersion();

        assertThat(publishedFor("demo-api", "v" + version)).containsExactlyInAnyOrder(
                registry + "/perf-monitoring-demo-api:" + version,
                registry + "/perf-monitoring-demo-api:latest",
                registry + "/perf-monitoring-demo-api:" + version + "-jvm",
                registry + "/perf-monitoring-demo-api:latest-jvm");
        assertThat(jobEnv("JVM_TAG_SUFFIX")).as("JVM_TAG_SUFFIX of the images job is the chart's image.jvmTagSuffix")
                .isEqualTo(chartValues().path("image").path("jvmTagSuffix").asText());
    }

    @Test
    void theNamingStepTakesRegistryAndVersionFromTheChartAndBothTagSetsUseItsName() {
        JsonNode job = WorkflowsIT.workflow("containers.yml").job("images");
        JsonNode naming = stepWithId(job, "chart");

        assertThat(naming.path("if").asText()).isEqualTo("github.event_name == 'push'");
        assertThat(naming.path("env").path("CHART_VALUES").asText()).isEqualTo("helm/perf-monitoring/values.yaml");
        assertThat(naming.path("env").path("CHART_METADATA").asText()).isEqualTo("helm/perf-monitoring/Chart.yaml");
        assertThat(RepositoryRoot.path().resolve(naming.path("env").path("CHART_VALUES").asText())).isRegularFile();
        assertThat(RepositoryRoot.path().resolve(naming.path("env").path("CHART_METADATA").asText())).isRegularFile();
        for (String id : List.of("meta", "meta-jvm")) {
            assertThat(stepWithId(job, id).path("with").path("images").asText()).as("images of step %s", id)
                    .isEqualTo(NAMING_STEP_OUTPUT);
        }
        JsonNode push = job.path("steps").findParents("env").stream()
                .filter(step -> step.path("env").has("NATIVE_TAGS")).findFirst()
                .orElseThrow(() -> new AssertionError("no push step with NATIVE_TAGS"));
        assertThat(push.path("env").path("NATIVE_TAGS").asText()).isEqualTo("${{ steps.meta.outputs.tags }}");
        assertThat(push.path("env").path("JVM_TAGS").asText()).isEqualTo("${{ steps.meta-jvm.outputs.tags }}");
        assertThat(push.path("if").asText()).isEqualTo("github.event_name == 'push'");
    }

    /** Every image the images job pushes for {@code service} when the workflow runs for the git tag {@code gitTag}. */
    private static Set<String> publishedFor(String service, String gitTag) {
        JsonNode job = WorkflowsIT.workflow("containers.yml").job("images");
        String repository = resolve(jobEnv("IMAGE_REPOSITORY"), service);
        // The naming step publishes under ghcr.io/<owner>; for a version tag it refuses a chart whose image.registry
        // is another one, so a release's images are named <image.registry>/<IMAGE_REPOSITORY>.
        String name = chartValues().path("image").path("registry").asText() + "/" + repository;
        Set<String> images = new LinkedHashSet<>();
        for (String id : List.of("meta", "meta-jvm")) {
            JsonNode with = stepWithId(job, id).path("with");
            String suffix = flavorSuffix(with.path("flavor").asText());
            for (String tag : tagsForGitTag(with.path("tags").asText(), gitTag)) {
                images.add(name + ":" + tag + suffix);
            }
        }
        return images;
    }

    /** The tags metadata-action's rules give a push of the git tag {@code gitTag}. */
    private static List<String> tagsForGitTag(String rules, String gitTag) {
        List<String> tags = new ArrayList<>();
        for (String rule : rules.strip().split("\n")) {
            String trimmed = rule.strip();
            if (trimmed.equals("type=semver,pattern={{version}}")) {
                Matcher version = Pattern.compile("v?(" + RELEASE.pattern() + ")").matcher(gitTag);
                if (version.matches()) {
                    tags.add(version.group(1));
                    tags.add("latest");
                }
            } else if (!trimmed.equals("type=ref,event=branch") && !trimmed.equals("type=sha")) {
                // ref,event=branch tags branch pushes only; sha gives sha-<commit>: neither names a release.
                throw new AssertionError("a metadata-action tag rule this model does not know: " + trimmed);
            }
        }
        return tags;
    }

    private static String flavorSuffix(String flavor) {
        if (flavor.isBlank()) {
            return "";
        }
        Matcher suffix = Pattern.compile("suffix=([^,]*)").matcher(flavor);
        assertThat(suffix.find()).as("flavor %s", flavor).isTrue();
        assertThat(flavor).as("the suffix is on latest too").contains("onlatest=true");
        Matcher env = ENV_REFERENCE.matcher(suffix.group(1).strip());
        return env.matches() ? jobEnv(env.group(1)) : suffix.group(1).strip();
    }

    private static List<String> matrixServices() {
        List<String> services = new ArrayList<>();
        WorkflowsIT.workflow("containers.yml").job("images").path("strategy").path("matrix").path("include")
                .forEach(entry -> services.add(entry.path("service").asText()));
        assertThat(services).containsExactlyInAnyOrderElementsOf(APPS);
        return services;
    }

    private static String jobEnv(String name) {
        JsonNode value = WorkflowsIT.workflow("containers.yml").job("images").path("env").path(name);
        assertThat(value.isTextual()).as("env %s of the images job", name).isTrue();
        return value.asText();
    }

    private static String resolve(String value, String service) {
        Matcher reference = MATRIX_REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            assertThat(reference.group(1)).as("matrix key in %s", value).isEqualTo("service");
            reference.appendReplacement(resolved, Matcher.quoteReplacement(service));
        }
        return reference.appendTail(resolved).toString();
    }

    private static JsonNode stepWithId(JsonNode job, String id) {
        List<JsonNode> steps = new ArrayList<>();
        job.path("steps").forEach(step -> {
            if (step.path("id").asText().equals(id)) {
                steps.add(step);
            }
        });
        assertThat(steps).as("steps with id %s", id).hasSize(1);
        return steps.get(0);
    }

    static String appVersion() {
        return readYaml(ChartRenderer.chartDirectory().resolve("Chart.yaml")).path("appVersion").asText();
    }

    static JsonNode chartValues() {
        return readYaml(ChartRenderer.chartDirectory().resolve("values.yaml"));
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
