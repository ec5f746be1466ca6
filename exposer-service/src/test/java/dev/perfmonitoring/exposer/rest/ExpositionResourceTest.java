package dev.perfmonitoring.exposer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.stack.process.Promtool;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exposition at {@code /} and {@code /q/metrics}: the same metrics, TYPE and HELP lines, labels and formats. */
@QuarkusTest
class ExpositionResourceTest {

    static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** What Prometheus 2.42 sends when it scrapes. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void servesEverySampleMetricWithItsHelpAndTypeLinesInTextFormat() {
        String exposition = scrape("/", "text/plain");

        assertThat(Exposition.sampleComments(exposition)).containsExactly(
                "# HELP sample_orders_processed_total Counter: orders processed per shop and outcome. A counter only"
                        + " goes up (and restarts at 0 when the process restarts): read it with rate() or increase(),"
                        + " never raw.",
                "# TYPE sample_orders_processed_total counter",
                "# HELP sample_temperature_celsius Gauge: server-room temperature moving in a sine wave. A gauge is a"
                        + " value that goes up and down: read it as it is, or smooth it with avg_over_time().",
                "# TYPE sample_temperature_celsius gauge",
                "# HELP sample_stock_price Gauge: a share price doing a random walk. A gauge can move either way at"
                        + " any time: compare it with delta(), deriv() or max_over_time() rather than rate().",
                "# TYPE sample_stock_price gauge",
                "# HELP sample_queue_depth Gauge: jobs waiting in a queue that fills steadily and is drained at once"
                        + " (a sawtooth). A gauge shows the current level: alert on it directly, e.g. with"
                        + " max_over_time().",
                "# TYPE sample_queue_depth gauge",
                "# HELP sample_request_duration_seconds Histogram: request duration with a long tail, counted in"
                        + " buckets that include the SLO thresholds. Aggregate bucket rates with sum by (le) and"
                        + " compute quantiles with histogram_quantile().",
                "# TYPE sample_request_duration_seconds histogram",
                "# HELP sample_response_size_bytes Summary: response size with quantiles computed inside the process"
                        + " over the latest responses per endpoint. Summary quantiles cannot be averaged or summed"
                        + " across series; a histogram can.",
                "# TYPE sample_response_size_bytes summary",
                "# HELP sample_build_info Info: version and revision of the sample service as labels on a constant 1."
                        + " Join it onto other series with * on() group_left(version, revision) to label them.",
                "# TYPE sample_build_info gauge");
    }

    @Test
    void labelsEverySeriesWithBoundedValues() {
        Set<String> series = Exposition.values(scrape("/", "text/plain")).keySet().stream()
                .filter(name -> name.startsWith("sample_"))
                .collect(Collectors.toSet());

        assertThat(series).hasSize(79).contains(
                "sample_orders_processed_total{shop=\"shop-1\",status=\"completed\"}",
                "sample_orders_processed_total{shop=\"shop-3\",status=\"failed\"}",
                "sample_orders_processed_total{shop=\"shop-2\",status=\"cancelled\"}",
                "sample_temperature_celsius{room=\"room-3\"}",
                "sample_stock_price{symbol=\"symbol-2\"}",
                "sample_queue_depth{queue=\"queue-1\"}",
                "sample_request_duration_seconds_bucket{endpoint=\"endpoint-1\",le=\"0.005\"}",
                "sample_request_duration_seconds_bucket{endpoint=\"endpoint-1\",le=\"0.3\"}",
                "sample_request_duration_seconds_bucket{endpoint=\"endpoint-3\",le=\"+Inf\"}",
                "sample_request_duration_seconds_count{endpoint=\"endpoint-2\"}",
                "sample_request_duration_seconds_sum{endpoint=\"endpoint-2\"}",
                "sample_response_size_bytes{endpoint=\"endpoint-1\",quantile=\"0.5\"}",
                "sample_response_size_bytes{endpoint=\"endpoint-1\",quantile=\"0.99\"}",
                "sample_response_size_bytes_count{endpoint=\"endpoint-3\"}",
                "sample_response_size_bytes_sum{endpoint=\"endpoint-3\"}");
        assertThat(series.stream().filter(name -> name.startsWith("sample_build_info")))
                .singleElement().asString().matches("sample_build_info\\{version=\"[^\"]+\",revision=\"[0-9a-f]{7}\"}");
        assertThat(series.stream().filter(name -> name.contains("_bucket{endpoint=\"endpoint-1\"")))
                .extracting(name -> name.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .containsExactlyInAnyOrder("0.005", "0.01", "0.025", "0.05", "0.1", "0.2", "0.3", "0.4", "0.5",
                        "1.0", "2.5", "5.0", "+Inf");
    }

    @Test
    void servesOpenMetricsWithInfoTypeAndUnitsUnlessTextPlainIsAccepted() {
        String exposition = scrape("/", "application/openmetrics-text; version=1.0.0");

        assertThat(exposition.lines()).contains(
                "# TYPE sample_build info",
                "# TYPE sample_orders_processed counter",
                "# TYPE sample_temperature_celsius gauge",
                "# UNIT sample_temperature_celsius celsius",
                "# TYPE sample_request_duration_seconds histogram",
                "# UNIT sample_request_duration_seconds seconds",
                "# TYPE sample_response_size_bytes summary",
                "# UNIT sample_response_size_bytes bytes");
        assertThat(exposition).endsWith("# EOF\n");
    }

    @Test
    void rootPathAndQuarkusMetricsPathServeTheSameExposition() {
        scrape("/q/metrics", "text/plain"); // the HTTP server metrics appear with the first finished request
        // Quarkus's /q/metrics answers 406 to an Accept header naming only OpenMetrics; / serves OpenMetrics then
        for (String accept : List.of("text/plain", PROMETHEUS_ACCEPT, "*/*")) {
            String root = scrape("/", accept);
            String quarkus = scrape("/q/metrics", accept);

            assertThat(typeLines(root)).as("TYPE lines for Accept: %s", accept).isEqualTo(typeLines(quarkus));
            assertThat(sampleSeries(root)).as("sample series for Accept: %s", accept)
                    .isEqualTo(sampleSeries(quarkus));
        }
    }

    @Test
    void wholeExpositionParsesAndTheSampleMetricsPassPrometheusLint() {
        String exposition = scrape("/", "text/plain");

        Promtool whole = Promtool.checkMetrics(exposition);
        assertThat(whole.exitCode()).as(whole.output()).isNotEqualTo(Promtool.PARSE_ERROR);
        Promtool samples = Promtool.checkMetrics(exposition.lines()
                .filter(line -> line.startsWith("sample_") || line.startsWith("# HELP sample_")
                        || line.startsWith("# TYPE sample_"))
                .collect(Collectors.joining("\n", "", "\n")));
        assertThat(samples.exitCode()).as(samples.output()).isZero();
        assertThat(samples.output()).isEmpty();
    }

    @Test
    void reportsLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static String scrape(String path, String accept) {
        String contentType = accept.contains("text/plain") ? TEXT_004 : OPEN_METRICS;
        return given().accept(accept).get(path)
                .then().statusCode(200).contentType(equalTo(contentType))
                .extract().asString();
    }

    private static List<String> typeLines(String exposition) {
        return exposition.lines().filter(line -> line.startsWith("# TYPE ")).sorted().toList();
    }

    private static Set<String> sampleSeries(String exposition) {
        Map<String, Double> values = Exposition.values(exposition.replace("# EOF", ""));
        return values.keySet().stream().filter(name -> name.startsWith("sample_")).collect(Collectors.toSet());
    }
}
