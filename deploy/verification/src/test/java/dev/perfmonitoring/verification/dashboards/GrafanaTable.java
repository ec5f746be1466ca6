package dev.perfmonitoring.verification.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfmonitoring.stack.prometheus.PrometheusClient.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The rows Grafana's table panel shows for instant queries in table format joined by its transformations
 * {@code merge} and {@code organize}, as Grafana builds them: each query a frame with a column per label of its
 * series and the value as {@code Value #<refId>}; {@code merge} joins rows on the columns every frame has and keeps
 * apart rows whose shared values differ ({@code mergeTransformer} in {@code @grafana/data}); {@code organize} renames
 * columns ({@code renameByName}), and Grafana's data links find a field by its name or its new name.
 */
public final class GrafanaTable {

    private GrafanaTable() {
    }

    /**
     * The panel's rows, each column under its name after {@code organize} (labels as strings, values as doubles);
     * {@code results} answers each target's instant query.
     */
    public static List<Map<String, Object>> rows(JsonNode panel, Function<GrafanaDashboard.Target, List<Sample>> results,
            GrafanaDashboard dashboard) {
        List<Map<String, Object>> frames = new ArrayList<>();
        List<Set<String>> frameColumns = new ArrayList<>();
        for (GrafanaDashboard.Target target : dashboard.targets()) {
            if (target.panel() != panel) {
                continue;
            }
            if (!target.instant() || !"table".equals(target.json().path("format").asText())) {
                throw new AssertionError(target.describe() + " is no instant query in table format");
            }
            List<Sample> samples = results.apply(target);
            Set<String> columns = new LinkedHashSet<>();
            samples.forEach(sample -> sample.labels().keySet().stream().filter(name -> !name.equals("__name__"))
                    .forEach(columns::add));
            frameColumns.add(columns);
            for (Sample sample : samples) {
                Map<String, Object> row = new LinkedHashMap<>();
                columns.forEach(column -> row.put(column, Objects.requireNonNullElse(sample.label(column), "")));
                row.put("Value #" + target.refId(), sample.value());
                frames.add(row);
            }
        }
        Set<String> keys = new LinkedHashSet<>(frameColumns.isEmpty() ? Set.of() : frameColumns.get(0));
        frameColumns.forEach(keys::retainAll);
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Map<String, Object> row : frames) {
            Map<String, Object> into = merged.stream().filter(existing -> sameKey(existing, row, keys)
                    && mergeable(existing, row)).findFirst().orElse(null);
            if (into == null) {
                merged.add(new LinkedHashMap<>(row));
            } else {
                into.putAll(row);
            }
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (JsonNode transformation : panel.path("transformations")) {
            if ("organize".equals(transformation.path("id").asText())) {
                transformation.path("options").path("renameByName").fields()
                        .forEachRemaining(rename -> renames.put(rename.getKey(), rename.getValue().asText()));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : merged) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            row.forEach((column, value) -> renamed.put(renames.getOrDefault(column, column), value));
            rows.add(renamed);
        }
        return rows;
    }

    /** The rows by the value of one column (e.g. testid), failing on two rows with the same value. */
    public static Map<String, Map<String, Object>> byColumn(List<Map<String, Object>> rows, String column) {
        Map<String, Map<String, Object>> byValue = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            if (byValue.put(String.valueOf(row.get(column)), row) != null) {
                throw new AssertionError("two rows with " + column + " " + row.get(column) + ": " + rows);
            }
        }
        return byValue;
    }

    private static boolean sameKey(Map<String, Object> existing, Map<String, Object> row, Set<String> keys) {
        return keys.stream().allMatch(key -> Objects.equals(existing.get(key), row.get(key)));
    }

    private static boolean mergeable(Map<String, Object> existing, Map<String, Object> row) {
        return row.entrySet().stream().allMatch(cell -> !existing.containsKey(cell.getKey())
                || Objects.equals(existing.get(cell.getKey()), cell.getValue()));
    }
}
