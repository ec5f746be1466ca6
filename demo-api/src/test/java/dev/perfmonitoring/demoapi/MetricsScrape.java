package dev.perfmonitoring.demoapi;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the application's /q/metrics as Prometheus does, and picks series out of it. */
public final class MetricsScrape {

    private MetricsScrape() {
    }

    /**
     * What Prometheus 2.42 (the Debian package used here) sends as Accept header when scraping. Quarkus answers it with
     * the text format 0.0.4, whose samples end their label lists with a comma: {@code name{code="200",} 1.0}.
     */
    public static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /** The exposition exactly as a Prometheus scrape receives it. */
    public static String exposition() {
        return given().accept(PROMETHEUS_ACCEPT).get("/q/metrics")
                .then().statusCode(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                .extract().asString();
    }

    /** The value of one series, given as it is exposed, e.g. {@code person_store_count}. */
    public static double value(String exposition, String series) {
        List<String> lines = exposition.lines().filter(line -> line.startsWith(series + " ")).toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected one line for " + series + ", found " + lines);
        }
        return Double.parseDouble(lines.get(0).substring(series.length() + 1));
    }

    /** The value of a counter series, 0 when it is not exposed yet (no such request so far). */
    public static double count(String exposition, String series) {
        return exposition.lines().anyMatch(line -> line.startsWith(series + " ")) ? value(exposition, series) : 0;
    }

    /** Every exposed series (name and labels, without the value), sorted. */
    public static Set<String> series(String exposition) {
        Set<String> series = new TreeSet<>();
        exposition.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> series.add(line.substring(0, line.lastIndexOf(' '))));
        return series;
    }
}
