package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The k6 script takes every scenario number from the scenario file, and builds the same scenarios from it as the Java
 * runner: the script's init code runs unmodified in GraalJS (see {@link K6Script}) and its {@code options.scenarios}
 * is compared with {@link ScenarioFile#plan} for the same SCALE and RATE.
 */
class K6ScriptScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = ScenarioFile.location().resolveSibling("person-api.js");

    @ParameterizedTest(name = "SCALE {0}, RATE {1}")
    @CsvSource({"1, 1", "0.1, 2", "0.25, 0.5", "0.001, 1"})
    void scriptBuildsTheScenariosTheJavaRunnerBuildsFromTheSameFile(double scale, double rate) throws IOException {
        ScenarioFile file = ScenarioFile.read();
        ScenarioPlan plan = file.plan(new Scaling(scale, rate));

        try (K6Script script = K6Script.load(SCRIPT, Map.of("SCALE", Double.toString(scale),
                "RATE", Double.toString(rate)))) {
            assertThat(script.opened()).containsExactly(ScenarioFile.location());
            assertThat(executors(script)).containsExactlyEntriesOf(executors(plan));
        }
    }

    @Test
    void eachScenarioExecutesTheFunctionThatSendsTheFilesRequestUnderItsName() throws IOException {
        ScenarioPlan plan = ScenarioFile.read().plan(new Scaling(1, 1));

        try (K6Script script = K6Script.load(SCRIPT, Map.of("BASE_URL", "http://demo-api:7080"))) {
            JsonNode scenarios = script.exported("options").path("scenarios");
            for (Scenario scenario : plan.scenarios()) {
                JsonNode requests = script.call(scenarios.path(scenario.name()).path("exec").asText());

                assertThat(requests).as(scenario.name()).hasSize(1);
                JsonNode request = requests.get(0);
                String name = scenario.request().requestName();
                assertThat(request.path("name").asText()).as(scenario.name()).isEqualTo(name);
                String method = name.substring(0, name.indexOf(' '));
                String pathPattern = name.substring(name.indexOf(' ') + 1).replace("{id}", "\\d+");
                assertThat(request.path("method").asText()).isEqualTo(method);
                assertThat(request.path("url").asText()).matches("http://demo-api:7080" + pathPattern + "(\\?.*)?");
            }
        }
    }

    @Test
    void idsAndListPagesComeFromTheFilesIdRangeAndPageSize() throws IOException {
        ScenarioFile file = ScenarioFile.read();
        ScenarioPlan plan = file.plan(new Scaling(0.1, 1));
        long idRange = plan.ids().size();

        try (K6Script script = K6Script.load(SCRIPT, Map.of("SCALE", "0.1", "BASE_URL", "http://demo-api"))) {
            script.fixRandom(0.9999999);
            assertThat(script.call("getPerson").get(0).path("url").asText())
                    .isEqualTo("http://demo-api/person/" + idRange);
            assertThat(script.call("listPersons").get(0).path("url").asText())
                    .isEqualTo("http://demo-api/person/list?start=" + (idRange - 1) + "&limit=" + file.listPageSize());
            script.fixRandom(0);
            assertThat(script.call("deletePerson").get(0).path("url").asText()).isEqualTo("http://demo-api/person/1");
        }
    }

    @Test
    void changingANumberInTheFileChangesTheScriptsOptions(@TempDir Path copy) throws IOException {
        Files.copy(SCRIPT, copy.resolve("person-api.js"));
        ObjectNode data = (ObjectNode) JSON.readTree(ScenarioFile.location().toFile());
        ObjectNode create = (ObjectNode) data.path("scenarios").path("create");
        ObjectNode get = (ObjectNode) data.path("scenarios").path("get");
        create.put("iterations", 777).put("vus", 7).put("maxDuration", "3m");
        get.put("rate", 13).put("maxVUs", 3).put("preAllocatedVUs", 3).put("timeUnit", "2s");
        data.put("listPageSize", 9);
        Path changed = copy.resolve("person-scenarios.json");
        JSON.writeValue(changed.toFile(), data);

        try (K6Script script = K6Script.load(copy.resolve("person-api.js"), Map.of("BASE_URL", "http://demo-api"))) {
            JsonNode scenarios = script.exported("options").path("scenarios");
            assertThat(scenarios.path("create").path("iterations").asLong()).isEqualTo(777);
            assertThat(scenarios.path("create").path("vus").asLong()).isEqualTo(7);
            assertThat(scenarios.path("create").path("maxDuration").asText()).isEqualTo("180s");
            assertThat(scenarios.path("get").path("rate").asLong()).isEqualTo(13);
            assertThat(scenarios.path("get").path("timeUnit").asText()).isEqualTo("2s");
            assertThat(scenarios.path("get").path("maxVUs").asLong()).isEqualTo(3);
            assertThat(script.call("listPersons").get(0).path("url").asText()).endsWith("&limit=9");
            assertThat(executors(script))
                    .containsExactlyEntriesOf(executors(ScenarioFile.read(changed).plan(new Scaling(1, 1))));
        }
    }

    @Test
    void idRangeEnvironmentVariableStillOverridesTheFilesRule() throws IOException {
        try (K6Script script = K6Script.load(SCRIPT, Map.of("ID_RANGE", "42", "BASE_URL", "http://demo-api"))) {
            script.fixRandom(0.9999999);
            assertThat(script.call("updatePerson").get(0).path("url").asText()).isEqualTo("http://demo-api/person/42");
        }
    }

    /** The script's scenarios, read back with the Java runner's own k6 reader, in the script's order. */
    private static Map<String, ExecutorConfig> executors(K6Script script) throws IOException {
        Map<String, ExecutorConfig> executors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> scenarios = script.exported("options").path("scenarios").fields();
        while (scenarios.hasNext()) {
            Map.Entry<String, JsonNode> scenario = scenarios.next();
            executors.put(scenario.getKey(), ExecutorConfig.fromK6(scenario.getValue()));
        }
        return executors;
    }

    private static Map<String, ExecutorConfig> executors(ScenarioPlan plan) {
        Map<String, ExecutorConfig> executors = new LinkedHashMap<>();
        plan.scenarios().forEach(scenario -> executors.put(scenario.name(), scenario.executor()));
        return executors;
    }
}
