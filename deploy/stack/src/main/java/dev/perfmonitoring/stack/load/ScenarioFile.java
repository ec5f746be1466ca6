package dev.perfmonitoring.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Person scenario's one data file, {@code helm/perf-monitoring/files/k6/person-scenarios.json}, which the k6
 * script {@code person-api.js} beside it reads too: every scenario as a k6 scenario (executor and parameters) plus the
 * request its iterations send, the run length its numbers are for, the id range rule and the list page size.
 *
 * <pre>{@code
 * {"description": "...", "nominalDuration": "10m", "idRange": {"iterationsOf": "create"}, "listPageSize": 20,
 *  "scenarios": {"create": {"request": "POST /person", "executor": "shared-iterations", "vus": 50, ...}, ...}}
 * }</pre>
 */
public final class ScenarioFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("description", "nominalDuration", "idRange", "listPageSize",
            "scenarios");

    private final Path source;
    private final Duration nominalDuration;
    private final String idRangeScenario;
    private final long listPageSize;
    private final List<Scenario> scenarios;

    private ScenarioFile(Path source, Duration nominalDuration, String idRangeScenario, long listPageSize,
            List<Scenario> scenarios) {
        this.source = source;
        this.nominalDuration = nominalDuration;
        this.idRangeScenario = idRangeScenario;
        this.listPageSize = listPageSize;
        this.scenarios = List.copyOf(scenarios);
    }

    /** Where the file is: in the chart's {@code files/k6/}, beside the k6 script. */
    public static Path location() {
        return ChartRenderer.chartDirectory().resolve("files/k6/person-scenarios.json");
    }

    /** Reads the chart's file. */
    public static ScenarioFile read() {
        return read(location());
    }

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioFileException when it cannot be read, or names an executor, parameter or request the runner
     *                               does not have, or leaves out a number
     */
    public static ScenarioFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ScenarioFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        try {
            return parse(file, root);
        } catch (IllegalArgumentException e) {
            throw new ScenarioFileException(file, e.getMessage(), e);
        }
    }

    private static ScenarioFile parse(Path file, JsonNode root) {
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fields " + unknown);
        }
        Duration nominal = K6Duration.parse(root.path("nominalDuration").asText(null));
        String idRangeScenario = root.path("idRange").path("iterationsOf").asText(null);
        JsonNode pageSize = root.path("listPageSize");
        if (!pageSize.isIntegralNumber() || pageSize.asLong() < 1) {
            throw new IllegalArgumentException("listPageSize must be a whole number of at least 1, got " + pageSize);
        }
        List<Scenario> scenarios = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.path("scenarios").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            scenarios.add(scenario(entry.getKey(), entry.getValue()));
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("no scenarios");
        }
        boolean idSource = scenarios.stream().anyMatch(scenario -> scenario.name().equals(idRangeScenario)
                && scenario.executor() instanceof SharedIterationsConfig);
        if (!idSource) {
            throw new IllegalArgumentException("idRange.iterationsOf must name a shared-iterations scenario, got "
                    + idRangeScenario);
        }
        return new ScenarioFile(file, nominal, idRangeScenario, pageSize.asLong(), scenarios);
    }

    private static Scenario scenario(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("scenario " + name + " is not an object");
        }
        ObjectNode k6Scenario = ((ObjectNode) node).deepCopy();
        JsonNode request = k6Scenario.remove("request");
        try {
            if (request == null || !request.isTextual()) {
                throw new IllegalArgumentException("missing request (the k6 tags.name of its requests)");
            }
            return new Scenario(name, PersonRequest.named(request.asText()), ExecutorConfig.fromK6(k6Scenario));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file's scenarios for a run of {@code scaling}: scaled, with the id range from the scaled iterations. */
    ScenarioPlan plan(Scaling scaling) {
        List<Scenario> scaled = scenarios.stream().map(scenario -> scenario.scaled(scaling)).toList();
        SharedIterationsConfig idSource = (SharedIterationsConfig) scaled.stream()
                .filter(scenario -> scenario.name().equals(idRangeScenario))
                .findFirst().orElseThrow().executor();
        return new ScenarioPlan(scaled, new IdRange(idSource.iterations()), listPageSize);
    }

    /** Where the file was read from. */
    public Path source() {
        return source;
    }

    /** The run length the file's numbers are for (the k6 script's SCALE 1). */
    public Duration nominalDuration() {
        return nominalDuration;
    }

    /** The scenarios as the file has them, unscaled. */
    List<Scenario> scenarios() {
        return scenarios;
    }

    long listPageSize() {
        return listPageSize;
    }

    /** The shared-iterations scenario whose scaled iterations are the id range. */
    String idRangeScenario() {
        return idRangeScenario;
    }
}
