package dev.perfmonitoring.verification.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of the chart's Grafana dashboards ({@code helm/perf-monitoring/dashboards/*.json}): its panels (rows' nested
 * panels included), their Prometheus targets and the dashboard's variables, and how Grafana substitutes variables into
 * a target's expression.
 */
public final class GrafanaDashboard {

    /** Grafana's own variables, substituted in queries without being declared. */
    public static final List<String> BUILT_IN_VARIABLES = List.of("__rate_interval", "__interval", "__interval_ms",
            "__range", "__range_s", "__range_ms");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    private final String fileName;
    private final JsonNode json;

    private GrafanaDashboard(String fileName, JsonNode json) {
        this.fileName = fileName;
        this.json = json;
    }

    /** A query of a panel. */
    public record Target(GrafanaDashboard dashboard, JsonNode panel, JsonNode json) {

        public String expr() {
            return json.path("expr").asText();
        }

        public String refId() {
            return json.path("refId").asText();
        }

        /** An instant query (a table or a single value at the end of the range), rather than a range query. */
        public boolean instant() {
            return json.path("instant").asBoolean(false);
        }

        /** Names dashboard, panel and query, for failure messages and test names. */
        public String describe() {
            return dashboard.title() + " / " + panel.path("title").asText() + " / " + refId();
        }

        @Override
        public String toString() {
            return describe() + ": " + expr();
        }
    }

    /** Every dashboard of the chart, by file name. */
    public static List<GrafanaDashboard> all() {
        try (Stream<Path> files = Files.list(ChartRenderer.chartDirectory().resolve("dashboards"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .map(GrafanaDashboard::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String fileName() {
        return fileName;
    }

    public JsonNode json() {
        return json;
    }

    public String uid() {
        return json.path("uid").asText();
    }

    public String title() {
        return json.path("title").asText();
    }

    /** Every panel except rows, with the panels of collapsed rows. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** Every panel including rows, as laid out on the dashboard's top level. */
    public List<JsonNode> topLevelPanels() {
        List<JsonNode> panels = new ArrayList<>();
        json.path("panels").forEach(panels::add);
        return panels;
    }

    /** The panels that query Prometheus (everything but text panels). */
    public List<JsonNode> dataPanels() {
        return panels().stream().filter(panel -> !"text".equals(panel.path("type").asText())).toList();
    }

    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (JsonNode panel : dataPanels()) {
            panel.path("targets").forEach(target -> targets.add(new Target(this, panel, target)));
        }
        return targets;
    }

    /** The templating variables, by name, in their order. */
    public Map<String, JsonNode> variables() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        json.path("templating").path("list").forEach(variable -> variables.put(variable.path("name").asText(), variable));
        return variables;
    }

    /**
     * The value Grafana substitutes for a variable as the dashboard opens: its current value, or its "All" value
     * ({@code allValue}) when All is selected.
     */
    public String currentValue(String variable) {
        JsonNode definition = variables().get(variable);
        if (definition == null) {
            throw new IllegalArgumentException(fileName + " has no variable " + variable);
        }
        JsonNode current = definition.path("current").path("value");
        String value = current.isArray() ? current.path(0).asText() : current.asText();
        return "$__all".equals(value) ? definition.path("allValue").asText() : value;
    }

    /** The names of the variables an expression refers to ({@code $name} or {@code ${name}}). */
    public static List<String> referencedVariables(String expression) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return names;
    }

    /**
     * The expression with every {@code $name} and {@code ${name}} replaced by {@code values.get(name)}.
     *
     * @throws IllegalArgumentException naming a variable without a value
     */
    public static String substitute(String expression, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expression);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + name + " in " + expression);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
