package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PersonScenariosTest {

    @Test
    void fullLengthRunHasTheSeedsFiveScenarios() {
        Map<String, Scenario.Executor> executors = executors(PersonScenarios.scaled(Duration.ofMinutes(10), 1));

        assertThat(executors).containsOnlyKeys("create", "get-by-id", "list", "update", "delete");
        assertThat(executors.get("create")).isEqualTo(new Scenario.SharedIterations(50, 50_000, Duration.ofMinutes(10)));
        assertThat(executors.get("get-by-id")).isEqualTo(new Scenario.ConstantArrivalRate(20, Duration.ofMinutes(10), 10));
        assertThat(executors.get("list")).isEqualTo(new Scenario.ConstantArrivalRate(10, Duration.ofMinutes(10), 5));
        assertThat(executors.get("update")).isEqualTo(new Scenario.ConstantArrivalRate(5, Duration.ofMinutes(10), 5));
        assertThat(executors.get("delete")).isEqualTo(new Scenario.SharedIterations(2, 500, Duration.ofMinutes(10)));
    }

    @Test
    void shorterRunScalesIterationsAndRateMultipliesEverything() {
        Map<String, Scenario.Executor> executors = executors(PersonScenarios.scaled(Duration.ofSeconds(60), 2));

        assertThat(executors.get("create")).isEqualTo(new Scenario.SharedIterations(50, 10_000, Duration.ofSeconds(60)));
        assertThat(executors.get("get-by-id")).isEqualTo(new Scenario.ConstantArrivalRate(40, Duration.ofSeconds(60), 10));
        assertThat(executors.get("delete")).isEqualTo(new Scenario.SharedIterations(2, 100, Duration.ofSeconds(60)));
    }

    @Test
    void tinyRunStillRunsEveryScenarioAtLeastOnce() {
        Map<String, Scenario.Executor> executors = executors(PersonScenarios.scaled(Duration.ofSeconds(1), 0.01));

        assertThat(((Scenario.SharedIterations) executors.get("delete")).iterations()).isEqualTo(1);
    }

    private static Map<String, Scenario.Executor> executors(List<Scenario> scenarios) {
        return scenarios.stream().collect(Collectors.toMap(Scenario::name, Scenario::executor));
    }
}
