package dev.perfmonitoring.stack.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Latency SLO thresholds for a run: the chart's defaults ({@code slo.endpoints} in {@code values.yaml}) with
 * overrides from the command line, written as a values file the chart is rendered with, so the rules Prometheus
 * evaluates carry the run's thresholds.
 */
public final class SloThresholds {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Double> perEndpoint = new LinkedHashMap<>();
    private OptionalDouble everyEndpoint = OptionalDouble.empty();

    /**
     * Parses {@code "METHOD PATH=SECONDS"}, e.g. {@code "GET /person/{id}=0.5"}.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public SloThresholds endpoint(String assignment) {
        int equals = assignment.lastIndexOf('=');
        String[] endpoint = equals < 0 ? new String[0] : assignment.substring(0, equals).trim().split("\\s+");
        if (endpoint.length != 2) {
            throw new IllegalArgumentException("--slo expects 'METHOD PATH=SECONDS', e.g. 'GET /person/{id}=0.5', got '"
                    + assignment + "'");
        }
        perEndpoint.put(endpoint[0].toUpperCase() + " " + endpoint[1], seconds("--slo", assignment.substring(equals + 1)));
        return this;
    }

    /** One threshold for every endpoint (the per-endpoint ones still win). */
    public SloThresholds all(String seconds) {
        everyEndpoint = OptionalDouble.of(seconds("--slo-all", seconds));
        return this;
    }

    public boolean isEmpty() {
        return perEndpoint.isEmpty() && everyEndpoint.isEmpty();
    }

    /**
     * Writes {@code slo.endpoints} of {@code chartValues} with the overrides applied to {@code file}.
     *
     * @throws IllegalArgumentException when an override names an endpoint the chart has no SLO for
     */
    public Path writeValuesFile(Path chartValues, Path file) {
        try {
            JsonNode endpoints = YAML.readTree(chartValues.toFile()).path("slo").path("endpoints");
            if (!endpoints.isArray()) {
                throw new IllegalStateException(chartValues + " has no slo.endpoints list");
            }
            ArrayNode updated = ((ArrayNode) endpoints).deepCopy();
            Map<String, Double> unused = new LinkedHashMap<>(perEndpoint);
            for (JsonNode node : updated) {
                ObjectNode endpoint = (ObjectNode) node;
                String key = endpoint.path("method").asText() + " " + endpoint.path("path").asText();
                Double threshold = unused.remove(key);
                if (threshold != null) {
                    endpoint.put("latencySeconds", threshold);
                } else if (everyEndpoint.isPresent()) {
                    endpoint.put("latencySeconds", everyEndpoint.getAsDouble());
                }
            }
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException("no SLO endpoint " + unused.keySet() + " in " + chartValues
                        + " (slo.endpoints)");
            }
            ObjectNode values = YAML.createObjectNode();
            values.putObject("slo").set("endpoints", updated);
            Files.createDirectories(file.toAbsolutePath().getParent());
            YAML.writeValue(file.toFile(), values);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(String option, String value) {
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds > 0 && !Double.isInfinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number of seconds, got '" + value + "'");
    }
}
