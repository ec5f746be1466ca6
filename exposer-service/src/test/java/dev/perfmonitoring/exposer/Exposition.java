package dev.perfmonitoring.exposer;

import dev.perfmonitoring.exposer.metrics.SampleCollector;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Prometheus text exposition (format 0.0.4) the way tests need it. */
public final class Exposition {

    private Exposition() {
    }

    /** What a scrape of {@code collector} returns, in text format 0.0.4. */
    public static String of(SampleCollector collector) {
        StringWriter text = new StringWriter();
        try {
            TextFormat.write004(text, Collections.enumeration(collector.collect()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Every sample line as series → value, the series written without simpleclient's trailing comma:
     * {@code sample_queue_depth{queue="queue-1"}}.
     */
    public static Map<String, Double> values(String exposition) {
        Map<String, Double> values = new LinkedHashMap<>();
        exposition.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    values.put(line.substring(0, space).replace(",}", "}"), number(line.substring(space + 1)));
                });
        return values;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The sample lines of the sample metrics (those starting with {@code sample_}). */
    public static List<String> sampleLines(String exposition) {
        return exposition.lines().filter(line -> line.startsWith("sample_")).toList();
    }

    /** The HELP and TYPE lines of the sample metrics, in exposition order. */
    public static List<String> sampleComments(String exposition) {
        return exposition.lines()
                .filter(line -> line.startsWith("# HELP sample_") || line.startsWith("# TYPE sample_")
                        || line.startsWith("# UNIT sample_"))
                .toList();
    }
}
