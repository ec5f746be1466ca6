package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A values scenario of the chart: one {@code helm/perf-monitoring/ci/<name>-values.yaml}. */
public record ChartScenario(String name, Path valuesFile) {

    private static final String SUFFIX = "-values.yaml";

    /** Every ci scenario, sorted by name (a JUnit {@code @MethodSource}). */
    public static List<ChartScenario> all() {
        try (Stream<Path> files = Files.list(ChartRenderer.chartDirectory().resolve("ci"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .map(file -> new ChartScenario(file.getFileName().toString().replace(SUFFIX, ""), file))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChartScenario named(String name) {
        return all().stream().filter(scenario -> scenario.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ci/" + name + SUFFIX));
    }

    public RenderedChart render() {
        return ChartRenderer.chart().valuesFile(valuesFile).render();
    }

    @Override
    public String toString() {
        return name;
    }
}
