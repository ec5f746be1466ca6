package dev.perfmonitoring.stack.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The HTML and JUnit files of a report: self-contained, escaped, written whole. */
class ReportFilesTest {

    private static final RunReport BASELINE = Reports.run("base", Duration.ofMinutes(1),
            new Reports.Endpoint("GET", "/person/{id}", 1200, 0, 0.050, 0.080, 0.2),
            new Reports.Endpoint("DELETE", "/person/{id}", 0, 0, 0, 0, 0.3));
    private static final RunReport CURRENT = Reports.run("now", Duration.ofMinutes(1),
            new Reports.Endpoint("GET", "/person/{id}", 1200, 0, 0.090, 0.085, 0.2),
            new Reports.Endpoint("DELETE", "/person/{id}", 0, 0, 0, 0, 0.3));

    @Test
    void theHtmlOpensOfflineWithTheVerdictFirstAndTheQueryUnderEveryNumber(@TempDir Path dir) throws Exception {
        Comparison comparison = Comparison.of(BASELINE, CURRENT, RegressionRule.DEFAULT);

        Path html = HtmlReport.write(dir.resolve("report.html"), CURRENT, Optional.of(comparison), "http://prom:9090");

        String page = Files.readString(html);
        assertThat(page).contains("<h1 id=\"verdict\">REGRESSION</h1>", "<b id=\"testid\">now</b>",
                "<b id=\"baseline\">base</b>", "GET /person/{id} p95: 50.0 ms -&gt; 90.0 ms (regression)",
                "DELETE /person/{id}: no requests in the run window, no verdict");
        assertThat(page).as("uPlot inlined, nothing fetched at view time").contains("uPlot")
                .doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<script src=");
        assertThat(page).as("numbers with their queries")
                .contains("data-promql=\"p95\"", "data-promql=\"sum(Loadtests_total)\"", "<code>p95</code>");
        assertThat(page).as("a query cannot end the page's script").doesNotContain("rate(x[1m])) </script>")
                .contains("rate(x[1m])) <\\/script>");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(html);
        }
    }

    @Test
    void theJunitXmlHasACasePerSloAndRegressionCheckWithTheNumbersInTheFailures(@TempDir Path dir) throws Exception {
        Comparison comparison = Comparison.of(BASELINE, CURRENT, RegressionRule.DEFAULT);

        Path xml = JunitReport.write(dir.resolve("junit.xml"), CURRENT, Optional.of(comparison));

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(junit.getDocumentElement().getAttribute("name")).isEqualTo("perf-stack now");
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("9");
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(junit.getDocumentElement().getAttribute("skipped")).isEqualTo("4");
        assertThat(junit.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("GET /person/{id} p95: 50.0 ms -> 90.0 ms (regression): p95 or p99 worse"
                + " by more than 10 % and more than 5 ms, or error share up by more than 0.50 points");
    }
}
