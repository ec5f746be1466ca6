package dev.perfmonitoring.verification.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of the chart's Grafana dashboards ({@code helm/perf-monitoring/dashboards/*.json}): its panels (rows' nested
 * panels included), their Prometheus targets, its Prometheus annotations, its data links and the dashboard's
 * variables, and how Grafana substitutes variables into a target's expression.
 */
public final class GrafanaDashboard {

    /** Grafana's own variables, substituted in queries without being declared. */
    public static final List<String> BUILT_IN_VARIABLES = List.of("__rate_interval", "__interval", "__interval_ms",
            "__range", "__range_s", "__range_ms");
    /** Grafana's variables of data links besides the row's fields: the dashboard's time range as URL parameters. */
    public static final List<String> DATA_LINK_VARIABLES = List.of("__url_time_range");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([\\w-]+)\\?");
    /** {@code ${__data.fields.name}}, {@code ${__data.fields["a name"]}}, each optionally {@code .numeric}. */
    private static final Pattern DATA_FIELD = Pattern.compile(
            "\\$\\{__data\\.fields(?:\\.(\\w+)|\\[\"([^\"]+)\"])(\\.numeric)?}");

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

    /**
     * A Prometheus annotation of the dashboard: Grafana runs its expression as a range query over the dashboard's time
     * range at its step (at least {@code target.interval}) and draws a region per series over the steps where the
     * value is above 0 (see {@link GrafanaAnnotations}).
     */
    public record Annotation(GrafanaDashboard dashboard, JsonNode json) {

        public String name() {
            return json.path("name").asText();
        }

        public String expr() {
            return json.path("target").path("expr").asText();
        }

        /** The smallest step Grafana runs the query at ({@code target.interval}, e.g. "5s"). */
        public Duration step() {
            return Duration.parse("PT" + json.path("target").path("interval").asText().toUpperCase(Locale.ROOT));
        }

        public String titleFormat() {
            return json.path("titleFormat").asText();
        }

        /** Names dashboard and annotation, for failure messages and test names. */
        public String describe() {
            return dashboard.title() + " / annotation " + name();
        }

        @Override
        public String toString() {
            return describe() + ": " + expr();
        }
    }

    /**
     * A data link of a panel: on every cell of {@code field} (empty: on every value of the panel), its URL with
     * Grafana's variables still in it.
     */
    public record DataLink(GrafanaDashboard dashboard, JsonNode panel, String field, String title, String url) {

        /** The uid of the dashboard a {@code /d/<uid>?...} link opens. */
        public String targetUid() {
            Matcher uid = DASHBOARD_URL.matcher(url);
            if (!uid.find()) {
                throw new IllegalStateException(describe() + " opens no dashboard: " + url);
            }
            return uid.group(1);
        }

        /** The query parameters of the link, as written (values still holding variables). */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = url.substring(url.indexOf('?') + 1);
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                parameters.put(equals < 0 ? parameter : parameter.substring(0, equals),
                        equals < 0 ? "" : parameter.substring(equals + 1));
            }
            return parameters;
        }

        /** The names of the row's fields the link reads ({@code ${__data.fields.<name>...}}). */
        public List<String> fieldsRead() {
            List<String> names = new ArrayList<>();
            Matcher field = DATA_FIELD.matcher(url);
            while (field.find()) {
                names.add(field.group(1) != null ? field.group(1) : field.group(2));
            }
            return names;
        }

        /**
         * The URL Grafana opens from a table row: {@code ${__data.fields.<name>}} is the text of the row's field,
         * {@code ${__data.fields.<name>.numeric}} its number (written as an integer, as a millisecond time is), any
         * other {@code ${variable}} its value in {@code variables}.
         */
        public String render(Map<String, Object> row, Map<String, String> variables) {
            Matcher field = DATA_FIELD.matcher(url);
            StringBuilder fields = new StringBuilder();
            while (field.find()) {
                String name = field.group(1) != null ? field.group(1) : field.group(2);
                if (!row.containsKey(name)) {
                    throw new AssertionError(describe() + " reads field " + name + ", the row has " + row.keySet());
                }
                Object value = row.get(name);
                String text = field.group(3) != null && value instanceof Double number
                        ? Long.toString(Math.round(number)) : String.valueOf(value);
                field.appendReplacement(fields, Matcher.quoteReplacement(text));
            }
            field.appendTail(fields);
            return substitute(fields.toString(), variables);
        }

        public String describe() {
            return dashboard.title() + " / " + panel.path("title").asText() + " / " + field + " / link " + title;
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

    /** The Prometheus annotations (Grafana's built-in one left out). */
    public List<Annotation> annotations() {
        List<Annotation> annotations = new ArrayList<>();
        json.path("annotations").path("list").forEach(annotation -> {
            if (!annotation.has("builtIn")) {
                annotations.add(new Annotation(this, annotation));
            }
        });
        return annotations;
    }

    /** The data links of every panel: the panel's own, its fields' defaults and its field overrides. */
    public List<DataLink> dataLinks() {
        List<DataLink> links = new ArrayList<>();
        for (JsonNode panel : panels()) {
            panel.path("links").forEach(link -> links.add(dataLink(panel, "", link)));
            panel.path("fieldConfig").path("defaults").path("links").forEach(link -> links.add(dataLink(panel, "", link)));
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                for (JsonNode property : override.path("properties")) {
                    if ("links".equals(property.path("id").asText())) {
                        property.path("value").forEach(link -> links.add(
                                dataLink(panel, override.path("matcher").path("options").asText(), link)));
                    }
                }
            }
        }
        return links;
    }

    private DataLink dataLink(JsonNode panel, String field, JsonNode link) {
        return new DataLink(this, panel, field, link.path("title").asText(), link.path("url").asText());
    }

    /** The dashboard of the chart with this uid. */
    public static GrafanaDashboard byUid(String uid) {
        return all().stream().filter(dashboard -> dashboard.uid().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard with uid " + uid));
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
