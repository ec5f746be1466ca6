package dev.perfmonitoring.verification.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The annotations Grafana draws from a Prometheus annotation query, as its Prometheus data source builds them
 * ({@code PrometheusAnnotationSupport.processEvents}, Grafana 10 and 11): the query runs as a range query; per series,
 * the steps whose value is above 0 are active, and active steps at most one step apart join into one region from the
 * first to the last of them, titled by {@code titleFormat} with the series' labels ({@code {{label}}}).
 */
public final class GrafanaAnnotations {

    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /** A region (or a point, when start equals end) drawn on every panel of the dashboard. */
    public record Region(String title, Map<String, String> labels, Instant start, Instant end) {
    }

    private GrafanaAnnotations() {
    }

    /** The regions of a range query's answer ({@code data} of {@code /api/v1/query_range}) run at {@code step}. */
    public static List<Region> regions(JsonNode data, Duration step, String titleFormat) {
        List<Region> regions = new ArrayList<>();
        for (JsonNode series : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            String title = title(titleFormat, labels);
            Instant start = null;
            Instant end = null;
            for (JsonNode point : series.path("values")) {
                if (!(Double.parseDouble(point.get(1).asText()) > 0)) {
                    continue;
                }
                Instant time = Instant.ofEpochMilli(Math.round(point.get(0).asDouble() * 1000));
                if (start != null && !end.plus(step).isBefore(time)) {
                    end = time;
                    continue;
                }
                if (start != null) {
                    regions.add(new Region(title, labels, start, end));
                }
                start = time;
                end = time;
            }
            if (start != null) {
                regions.add(new Region(title, labels, start, end));
            }
        }
        return regions;
    }

    /** Grafana's {@code renderLegendFormat}: each {@code {{label}}} replaced by the label's value, or by nothing. */
    static String title(String format, Map<String, String> labels) {
        Matcher label = LEGEND_LABEL.matcher(format);
        StringBuilder title = new StringBuilder();
        while (label.find()) {
            label.appendReplacement(title, Matcher.quoteReplacement(labels.getOrDefault(label.group(1), "")));
        }
        return label.appendTail(title).toString();
    }
}
