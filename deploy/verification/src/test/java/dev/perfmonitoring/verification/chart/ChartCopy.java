package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away copy of the chart, for what helm-java 0.0.21 cannot do on the chart itself: lint with a values file
 * (its lint takes only the chart path) and render the {@code helm test} hooks (its template leaves hooks out); and to
 * render each rule file on its own.
 */
final class ChartCopy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path directory;

    private ChartCopy(Path directory) {
        this.directory = directory;
    }

    /** Copies the repository's chart into {@code target} (an empty or missing directory). */
    static ChartCopy of(Path target) {
        Path source = ChartRenderer.chartDirectory();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChartCopy(target);
    }

    Path directory() {
        return directory;
    }

    /**
     * Makes {@code valuesFile} part of the copy's own values.yaml with Helm's coalescing rules (maps merge key by key,
     * anything else replaces, null deletes), so that {@code helm lint} checks the chart under those values.
     */
    ChartCopy withValuesAsDefaults(Path valuesFile) {
        try {
            Path values = directory.resolve("values.yaml");
            Map<String, Object> merged = coalesce(readMap(values), readMap(valuesFile));
            YAML.writeValue(values.toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Turns the {@code helm test} hooks into plain resources, so that {@code helm template} renders them. */
    ChartCopy withTestHooksAsResources() {
        try (Stream<Path> tests = Files.list(directory.resolve("templates/tests"))) {
            for (Path test : tests.toList()) {
                String template = Files.readString(test);
                if (!template.contains("helm.sh/hook: test")) {
                    throw new IllegalStateException(test + " is not a helm test hook");
                }
                Files.writeString(test, template.replace("helm.sh/hook", "perf-monitoring.test/unhooked"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Adds a template that renders every {@code rules/*.yaml} on its own, with the same tpl call and values as the
     * PrometheusRule template, into a ConfigMap {@code rule-file-<name>} (key {@code group.yaml}): what each rule file
     * becomes, independently of how the PrometheusRule assembles the groups.
     */
    ChartCopy withRuleFilesRenderedAsConfigMaps() {
        String template = """
                {{- range $path, $_ := .Files.Glob "rules/*.yaml" }}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: rule-file-{{ base $path | trimSuffix ".yaml" }}
                data:
                  group.yaml: {{ tpl ($.Files.Get $path) $ | toJson }}
                {{- end }}
                """;
        try {
            Files.writeString(directory.resolve("templates/rule-files-for-tests.yaml"), template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a template {@code templates/<name>} with {@code text}, e.g. one that calls a helper with given inputs. */
    ChartCopy withTemplate(String name, String text) {
        try {
            Files.writeString(directory.resolve("templates").resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coalesce(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> result = new LinkedHashMap<>(defaults);
        overrides.forEach((key, override) -> {
            Object current = result.get(key);
            if (override == null) {
                result.remove(key);
            } else if (current instanceof Map<?, ?> currentMap && override instanceof Map<?, ?> overrideMap) {
                result.put(key, coalesce((Map<String, Object>) currentMap, (Map<String, Object>) overrideMap));
            } else {
                result.put(key, override);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(Path file) throws IOException {
        Map<String, Object> map = YAML.readValue(file.toFile(), Map.class);
        return map == null ? new LinkedHashMap<>() : map;
    }
}
