package dev.perfmonitoring.stack.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Latency SLO thresholds for a run: the chart's defaults ({@code slo.endpoints} in {@code values.yaml}) with
 * overrides from the command line, written as a values file the chart is rendered with, so the rules Prometheus
 * evaluates carry the run's thresholds.
 *
 * @param endpoints     thresholds of single endpoints ({@code --slo})
 * @param everyEndpoint one threshold for every other endpoint ({@code --slo-all})
 */
public record SloThresholds(List<Endpoint> endpoints, OptionalDouble everyEndpoint) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public SloThresholds {
        endpoints = List.copyOf(endpoints);
    }

    /** No override: the chart's thresholds. */
    public static SloThresholds none() {
        return new SloThresholds(List.of(), OptionalDouble.empty());
    }

    public boolean isEmpty() {
        return endpoints.isEmpty() && everyEndpoint.isEmpty();
    }

    /**
     * One endpoint's threshold, {@code METHOD PATH=SECONDS} on the command line.
     *
     * @param method  HTTP method, upper case
     * @param path    route template, e.g. {@code /person/{id}}
     * @param seconds the threshold
     */
    public record Endpoint(String method, String path, double seconds) {

        /**
         * Parses {@code "METHOD PATH=SECONDS"}, e.g. {@code "GET /person/{id}=0.5"}.
         *
         * @throws IllegalArgumentException when the text is not of that form or the seconds are not positive
         */
        public static Endpoint parse(String assignment) {
            int equals = assignment.lastIndexOf('=');
            String[] endpoint = equals < 0 ? new String[0] : assignment.substring(0, equals).trim().split("\\s+");
            if (endpoint.length != 2) {
                throw new IllegalArgumentException("expects 'METHOD PATH=SECONDS', e.g. 'GET /person/{id}=0.5', got '"
                        + assignment + "'");
            }
            String seconds = assignment.substring(equals + 1).trim();
            try {
                double value = Double.parseDouble(seconds);
                if (value > 0 && !Double.isInfinite(value)) {
                    return new Endpoint(endpoint[0].toUpperCase(), endpoint[1], value);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("needs a positive number of seconds after '=', got '" + assignment + "'");
        }

        String key() {
            return method + " " + path;
        }
    }

    /**
     * Writes {@code slo.endpoints} of {@code chartValues} with the overrides applied to {@code file}.
     *
     * @throws UsageException when an override names an endpoint the chart has no SLO for
     */
    public Path writeValuesFile(Path chartValues, Path file) {
        try {
            JsonNode defaults = YAML.readTree(chartValues.toFile()).path("slo").path("endpoints");
            if (!defaults.isArray()) {
                throw new IllegalStateException(chartValues + " has no slo.endpoints list");
            }
            ArrayNode updated = ((ArrayNode) defaults).deepCopy();
            Map<String, Double> unused = new LinkedHashMap<>();
            endpoints.forEach(endpoint -> unused.put(endpoint.key(), endpoint.seconds()));
            for (JsonNode node : updated) {
                ObjectNode endpoint = (ObjectNode) node;
                Double threshold = unused.remove(endpoint.path("method").asText() + " " + endpoint.path("path").asText());
                if (threshold != null) {
                    endpoint.put("latencySeconds", threshold);
                } else if (everyEndpoint.isPresent()) {
                    endpoint.put("latencySeconds", everyEndpoint.getAsDouble());
                }
            }
            if (!unused.isEmpty()) {
                throw new UsageException("--slo: the chart has no SLO endpoint " + unused.keySet() + " (slo.endpoints in "
                        + chartValues + ")");
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
}
