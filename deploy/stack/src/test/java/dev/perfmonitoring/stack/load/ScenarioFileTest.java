package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's scenario file holds seed 001's scenarios, and the runner scales them as the k6 script does. */
class ScenarioFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACEFUL = ExecutorConfig.DEFAULT_GRACEFUL_STOP;

    @TempDir
    Path dir;

    @Test
    void chartsFileHoldsTheSeedsFiveScenariosWithTheSeedScriptsNumbers() {
        ScenarioFile file = ScenarioFile.read();

        assertThat(file.source()).isEqualTo(ScenarioFile.location());
        assertThat(file.nominalDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(file.idRangeScenario()).isEqualTo("create");
        assertThat(file.listPageSize()).isEqualTo(20);
        assertThat(requests(file.scenarios())).containsExactly(
                Map.entry("create", PersonRequest.CREATE), Map.entry("update", PersonRequest.UPDATE),
                Map.entry("delete", PersonRequest.DELETE), Map.entry("get", PersonRequest.GET),
                Map.entry("list", PersonRequest.LIST));
        assertThat(executors(file.scenarios())).containsExactly(
                Map.entry("create", new SharedIterationsConfig(50, 50_000, Duration.ofMinutes(10), GRACEFUL)),
                Map.entry("update", new ConstantArrivalRateConfig(5, Duration.ofSeconds(1), Duration.ofMinutes(2), 5, 5,
                        GRACEFUL)),
                Map.entry("delete", new SharedIterationsConfig(2, 500, Duration.ofMinutes(10), GRACEFUL)),
                Map.entry("get", new ConstantArrivalRateConfig(20, Duration.ofSeconds(1), Duration.ofMinutes(10), 10,
                        10, GRACEFUL)),
                Map.entry("list", new ConstantArrivalRateConfig(10, Duration.ofSeconds(1), Duration.ofMinutes(10), 5, 5,
                        GRACEFUL)));
    }

    @Test
    void scaleOneIsTheFileAsItIsWithCreatesIterationsAsIdRange() {
        ScenarioFile file = ScenarioFile.read();
        ScenarioPlan plan = file.plan(new Scaling(1, 1));

        assertThat(plan.scenarios()).isEqualTo(file.scenarios());
        assertThat(plan.ids()).isEqualTo(new IdRange(50_000));
        assertThat(plan.listPageSize()).isEqualTo(20);
    }

    @Test
    void aMinuteAtDoubleRateScalesDurationsAndCountsAndMultipliesRates() {
        Scaling scaling = Scaling.of(Duration.ofSeconds(60), ScenarioFile.read().nominalDuration(), 2);
        ScenarioPlan plan = ScenarioFile.read().plan(scaling);

        assertThat(scaling).isEqualTo(new Scaling(0.1, 2));
        assertThat(executors(plan.scenarios())).containsExactly(
                Map.entry("create", new SharedIterationsConfig(50, 10_000, Duration.ofSeconds(60), GRACEFUL)),
                Map.entry("update", new ConstantArrivalRateConfig(10, Duration.ofSeconds(1), Duration.ofSeconds(12), 5,
                        5, GRACEFUL)),
                Map.entry("delete", new SharedIterationsConfig(2, 100, Duration.ofSeconds(60), GRACEFUL)),
                Map.entry("get", new ConstantArrivalRateConfig(40, Duration.ofSeconds(1), Duration.ofSeconds(60), 10,
                        10, GRACEFUL)),
                Map.entry("list", new ConstantArrivalRateConfig(20, Duration.ofSeconds(1), Duration.ofSeconds(60), 5, 5,
                        GRACEFUL)));
        assertThat(plan.ids()).isEqualTo(new IdRange(10_000));
    }

    @Test
    void tinyRunStillRunsEveryScenarioForASecondWithAtLeastOneIterationOnNoMoreVusThanIterations() {
        ScenarioPlan plan = ScenarioFile.read().plan(Scaling.of(Duration.ofSeconds(1), Duration.ofMinutes(10), 0.01));

        assertThat(executors(plan.scenarios()).get("delete"))
                .isEqualTo(new SharedIterationsConfig(1, 1, Duration.ofSeconds(1), GRACEFUL));
        assertThat(executors(plan.scenarios()).get("update"))
                .isEqualTo(new ConstantArrivalRateConfig(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 5, 5,
                        GRACEFUL));
    }

    @Test
    void gracefulStopIsReadWhenTheFileSetsIt() throws IOException {
        ScenarioFile file = ScenarioFile.read(copyWith(root -> scenario(root, "create").put("gracefulStop", "5s")));

        assertThat(executors(file.scenarios()).get("create"))
                .isEqualTo(new SharedIterationsConfig(50, 50_000, Duration.ofMinutes(10), Duration.ofSeconds(5)));
    }

    @Test
    void rejectsWhatTheRunnerCannotRunNamingTheFileAndTheScenario() throws IOException {
        assertRejected(root -> scenario(root, "get").put("executor", "ramping-vus"), "scenario get", "ramping-vus");
        assertRejected(root -> scenario(root, "get").put("startTime", "10s"), "scenario get", "startTime");
        assertRejected(root -> scenario(root, "create").remove("vus"), "scenario create", "missing vus");
        assertRejected(root -> scenario(root, "create").put("iterations", 2.5), "iterations must be a whole number");
        assertRejected(root -> scenario(root, "create").put("iterations", 49), "no fewer iterations than VUs");
        assertRejected(root -> scenario(root, "get").put("maxVUs", 9), "maxVUs of at least 1 and preAllocatedVUs");
        assertRejected(root -> scenario(root, "get").put("duration", "500ms"), "duration must be at least 1s");
        assertRejected(root -> scenario(root, "list").put("request", "GET /persons"),
                "unknown request \"GET /persons\"");
        assertRejected(root -> scenario(root, "list").put("duration", "ten minutes"), "not a k6 duration");
        assertRejected(root -> root.putObject("idRange").put("iterationsOf", "get"), "idRange.iterationsOf");
        assertRejected(root -> root.put("listPageSize", 0), "listPageSize");
        assertRejected(root -> root.put("rampUp", "1m"), "unknown fields [rampUp]");
    }

    private void assertRejected(Consumer<ObjectNode> change, String... messageParts) throws IOException {
        Path file = copyWith(change);
        assertThatThrownBy(() -> ScenarioFile.read(file))
                .isInstanceOf(ScenarioFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContainingAll(messageParts);
    }

    private Path copyWith(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(ScenarioFile.location().toFile());
        change.accept(root);
        Path copy = dir.resolve("scenarios-" + System.nanoTime() + ".json");
        JSON.writeValue(copy.toFile(), root);
        return copy;
    }

    private static ObjectNode scenario(ObjectNode root, String name) {
        return (ObjectNode) root.path("scenarios").path(name);
    }

    private static Map<String, ExecutorConfig> executors(List<Scenario> scenarios) {
        Map<String, ExecutorConfig> executors = new LinkedHashMap<>();
        scenarios.forEach(scenario -> executors.put(scenario.name(), scenario.executor()));
        return executors;
    }

    private static Map<String, PersonRequest> requests(List<Scenario> scenarios) {
        Map<String, PersonRequest> requests = new LinkedHashMap<>();
        scenarios.forEach(scenario -> requests.put(scenario.name(), scenario.request()));
        return requests;
    }
}
