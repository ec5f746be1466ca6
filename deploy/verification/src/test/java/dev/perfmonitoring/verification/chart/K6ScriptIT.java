package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Person scenario exists once: its numbers in the chart's {@code files/k6/person-scenarios.json}, its requests in
 * {@code files/k6/person-api.js}, which open()s the data file beside it in its init context. The k6 Job mounts both
 * into one directory, and {@code deploy/k6/} links both (k6 resolves {@code open()} against the path it was given, so
 * a link to the script needs the link to the data file next to it; the k6-operator's runners mount the same ConfigMap
 * whole at {@code /test}, {@code K6OperatorIT}). That the script takes every number from the file
 * and builds the scenarios the Java runner builds is proven in deploy/stack ({@code K6ScriptScenariosTest} runs the
 * script in GraalJS; {@code ScenarioNumbersInCodeTest}). The SLO thresholds the chart renders from {@code slo.endpoints}
 * into the same ConfigMap ride along, and the Job points {@code SLO_FILE} at them; that the script turns them into
 * exactly those k6 thresholds for every ci values file is {@code K6ScriptThresholdsTest}'s proof.
 */
class K6ScriptIT {

    private static final String SCRIPT = "person-api.js";
    private static final String SCENARIO_FILE = "person-scenarios.json";
    private static final String SLO_FILE = "slo-thresholds.json";
    private static final String K6_JOB = ChartRenderer.DEFAULT_RELEASE + "-k6-1";
    private static final String K6_CONFIG_MAP = ChartRenderer.DEFAULT_RELEASE + "-k6-script";

    private final Path k6Files = ChartRenderer.chartDirectory().resolve("files/k6");

    @ParameterizedTest
    @ValueSource(strings = {SCRIPT, SCENARIO_FILE})
    void deployK6LinksTheChartsFileRelatively(String name) throws IOException {
        Path link = RepositoryRoot.path().resolve("deploy/k6").resolve(name);

        assertThat(Files.isSymbolicLink(link)).as("%s is a symlink", link).isTrue();
        assertThat(Files.readSymbolicLink(link).isAbsolute()).isFalse();
        assertThat(link.toRealPath()).isEqualTo(k6Files.resolve(name).toRealPath());
    }

    @Test
    void scriptOpensTheScenarioFileBesideItInItsInitContextAndRunsItsScenarios() throws IOException {
        String source = Files.readString(k6Files.resolve(SCRIPT));
        String initContext = source.substring(0, source.indexOf("export function"));

        assertThat(initContext).contains("const SCENARIO_FILE = './" + SCENARIO_FILE + "';",
                "JSON.parse(open(SCENARIO_FILE))", "scenarioOptions(SCENARIO_DATA.scenarios)",
                "idRangeOf(SCENARIO_DATA.idRange)", "SCENARIO_DATA.listPageSize");
        assertThat(initContext).containsSubsequence("export const options = {", "scenarios: SCENARIOS,",
                "thresholds: SLO_DATA ? sloThresholds(SLO_DATA) : {},");
    }

    @Test
    void scriptKeepsItsRunWiring() throws IOException {
        String source = Files.readString(k6Files.resolve(SCRIPT));

        assertThat(source).contains("__ENV.BASE_URL", "__ENV.TESTID", "positiveNumber('SCALE', 1)",
                "positiveNumber('RATE', 1)", "positiveNumber('ID_RANGE',", "__ENV.EXPORTER_URL",
                "tags: { testid: TESTID }", "http.expectedStatuses({ min: 200, max: 299 }, 404)",
                "export function handleSummary(data)", "/pushMetrics", "total:", "failed:", "latency:", "RPS:",
                "experimental-prometheus-rw", "K6_FEATURES=native-histograms K6_PROMETHEUS_RW_STALE_MARKERS=true",
                "__ENV.SLO_FILE", "thresholds: SLO_DATA ? sloThresholds(SLO_DATA) : {}",
                "import exec from 'k6/execution';", "exporterRunId(exec.test.options)");
        assertThat(source).doesNotContain("TREND_STATS", "textSummary");
    }

    @Test
    void k6JobMountsTheScriptAndTheScenarioFileInOneDirectory() throws IOException {
        RenderedChart chart = ChartScenario.named("management-k6").render();
        Job job = chart.resource(Job.class, K6_JOB);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container k6 = pod.getContainers().get(0);

        assertThat(chart.resource(ConfigMap.class, K6_CONFIG_MAP).getData())
                .containsOnlyKeys(SCRIPT, SCENARIO_FILE, SLO_FILE)
                .containsEntry(SCRIPT, Files.readString(k6Files.resolve(SCRIPT)))
                .containsEntry(SCENARIO_FILE, Files.readString(k6Files.resolve(SCENARIO_FILE)));
        String volume = pod.getVolumes().stream()
                .filter(candidate -> candidate.getConfigMap() != null
                        && K6_CONFIG_MAP.equals(candidate.getConfigMap().getName()))
                .findFirst().orElseThrow().getName();
        String mountPath = k6.getVolumeMounts().stream().filter(mount -> mount.getName().equals(volume))
                .findFirst().orElseThrow().getMountPath();
        assertThat(k6.getArgs()).last().isEqualTo(mountPath + "/" + SCRIPT);
        assertThat(k6.getEnv()).filteredOn(variable -> variable.getName().equals("SLO_FILE")).singleElement()
                .satisfies(variable -> assertThat(variable.getValue()).isEqualTo(mountPath + "/" + SLO_FILE));
        assertThat(pod.getVolumes()).filteredOn(candidate -> candidate.getName().equals(volume))
                .singleElement().satisfies(scripts -> assertThat(scripts.getConfigMap().getItems()).isNullOrEmpty());
    }

    @Test
    void podChecksumFollowsTheScenarioFile(@TempDir Path copyDir) throws IOException {
        ChartCopy copy = ChartCopy.of(copyDir.resolve("chart"));
        Path scenarios = copy.directory().resolve("files/k6/" + SCENARIO_FILE);
        Files.writeString(scenarios,
                Files.readString(scenarios).replace("\"description\": \"", "\"description\": \"changed: "));
        Path values = ChartScenario.named("management-k6").valuesFile();

        List<String> checksums = List.of(ChartRenderer.chart().valuesFile(values).render(),
                        ChartRenderer.chart(copy.directory()).valuesFile(values).render()).stream()
                .map(chart -> chart.resource(Job.class, K6_JOB).getSpec().getTemplate().getMetadata().getAnnotations()
                        .get("checksum/script"))
                .toList();

        assertThat(checksums).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void podChecksumFollowsTheSloThresholds(@TempDir Path dir) throws IOException {
        Path values = ChartScenario.named("management-k6").valuesFile();
        Path otherSlo = Files.writeString(dir.resolve("slo.yaml"), """
                slo:
                  endpoints:
                    - {job: demo-api, method: GET, path: "/person/{id}", latencySeconds: 0.25, objective: 0.99}
                """);

        List<String> checksums = List.of(ChartRenderer.chart().valuesFile(values).render(),
                        ChartRenderer.chart().valuesFile(values).valuesFile(otherSlo).render()).stream()
                .map(chart -> chart.resource(Job.class, K6_JOB).getSpec().getTemplate().getMetadata().getAnnotations()
                        .get("checksum/script"))
                .toList();

        assertThat(checksums).doesNotContainNull().doesNotHaveDuplicates();
    }
}
