package dev.perfmonitoring.stack.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The run report as one self-contained HTML file that opens offline: the verdict first, the tables with the PromQL
 * under every number, and the charts drawn by uPlot, whose script and style are inlined from its WebJar. Written to a
 * temporary file beside the target and moved into place, so a failure never leaves half a report.
 */
public final class HtmlReport {

    /** Where the uPlot WebJar keeps its files: the version comes from the WebJar itself (its pom.properties). */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webJarVersion("org.webjars.npm", "uplot")
            + "/dist/";
    private static final String OWN = "/dev/perfmonitoring/stack/report/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code run} (compared with {@code comparison}'s baseline when present) to {@code file}.
     *
     * @return the file
     */
    public static Path write(Path file, RunReport run, Optional<Comparison> comparison, String prometheusUrl) {
        return ReportFiles.writeAtomically(file, render(run, comparison, prometheusUrl));
    }

    static String render(RunReport run, Optional<Comparison> comparison, String prometheusUrl) {
        Verdict verdict = Verdict.of(run, comparison);
        StringBuilder body = new StringBuilder();
        header(body, run, comparison, verdict, prometheusUrl);
        endpoints(body, run);
        comparison.ifPresent(compared -> comparisonTable(body, compared));
        clientSide(body, run);
        exporter(body, run);
        body.append("<section id=\"charts\"><h2>Over the run</h2>\n<p class=\"hint\">x: time since the run's start")
                .append(comparison.isPresent() ? "; dashed: the baseline, aligned on its own start" : "")
                .append(". Each chart lists its queries below it (range queries over the run's window).</p>\n")
                .append("<div id=\"plots\"></div></section>\n");
        body.append("<footer>perf-stack report, generated ").append(escape(TIME.format(Instant.now())))
                .append(" from ").append(escape(prometheusUrl)).append(". Every number is an instant query evaluated at")
                .append(" the time shown under it; paste the query into Prometheus with that time to get it again.")
                .append("</footer>\n");
        return template().replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*REPORT_CSS*/", resource(OWN + "report.css"))
                .replace("<!--TITLE-->", escape(verdict + " " + run.window().testid()))
                .replace("<!--BODY-->", body.toString())
                .replace("/*REPORT_DATA*/", data(run, comparison).replace("</", "<\\/"))
                .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
                .replace("/*REPORT_JS*/", resource(OWN + "report.js"));
    }

    private static void header(StringBuilder html, RunReport run, Optional<Comparison> comparison, Verdict verdict,
            String prometheusUrl) {
        RunWindow window = run.window();
        SloReport slo = run.slo();
        html.append("<header class=\"verdict ").append(verdict.name().toLowerCase(Locale.ROOT)).append("\">\n")
                .append("<h1 id=\"verdict\">").append(verdict).append("</h1>\n")
                .append("<p class=\"run\">testid <b id=\"testid\">").append(escape(window.testid())).append("</b> · ")
                .append(escape(TIME.format(window.start()))).append(" to ").append(escape(TIME.format(window.end())))
                .append(" (").append(duration(Duration.between(window.start(), window.end()))).append(", found by ")
                .append("<code>").append(escape(window.markedBy())).append("</code>)</p>\n<p class=\"load\">");
        RunReport.LoadShape load = run.load();
        if (load.requests().isPresent()) {
            html.append("load generator: ").append(cell(load.requests(), Unit.COUNT)).append(" requests, up to ")
                    .append(cell(load.maxVus(), Unit.COUNT)).append(" VUs, ")
                    .append(cell(load.droppedIterations(), Unit.COUNT)).append(" dropped iterations · ");
        } else {
            html.append("no load generator series (k6_*) of this testid in Prometheus · ");
        }
        html.append("server: ").append(format(slo.endpoints().stream().mapToDouble(e -> e.calls().orElse(0)).sum(),
                Unit.COUNT)).append(" calls, 5xx share ").append(cell(slo.serverErrorRatio(), Unit.RATIO))
                .append(" (budget ").append(format(slo.maxServerErrorRatio(), Unit.RATIO)).append(")</p>\n");
        List<String> reasons = new ArrayList<>();
        slo.endpoints().stream().filter(endpoint -> endpoint.verdict() == EndpointVerdict.Verdict.FAIL)
                .forEach(endpoint -> reasons.add(endpoint.endpoint() + ": p95 " + format(endpoint.p95().value(), Unit.SECONDS)
                        + " over its SLO of " + format(endpoint.threshold().value(), Unit.SECONDS)));
        if (!slo.errorBudgetKept()) {
            reasons.add("5xx share " + format(slo.serverErrorRatio().value(), Unit.RATIO) + " over the budget of "
                    + format(slo.maxServerErrorRatio(), Unit.RATIO));
        }
        slo.endpoints().stream().filter(endpoint -> endpoint.verdict() == EndpointVerdict.Verdict.NO_TRAFFIC)
                .forEach(endpoint -> reasons.add(endpoint.endpoint() + ": no requests in the run window, no verdict"));
        comparison.ifPresent(compared -> {
            html.append("<p class=\"baseline\">baseline: testid <b id=\"baseline\">")
                    .append(escape(compared.baseline().window().testid())).append("</b> (")
                    .append(escape(TIME.format(compared.baseline().window().start()))).append(", ")
                    .append(Verdict.of(compared.baseline(), Optional.empty())).append(") · regression rule: ")
                    .append(escape(compared.rule().describe())).append("</p>\n");
            compared.checks().stream().filter(Comparison.Check::regressed)
                    .forEach(check -> reasons.add(check.describe()));
        });
        if (!reasons.isEmpty()) {
            html.append("<ul class=\"reasons\">");
            reasons.forEach(reason -> html.append("<li>").append(escape(reason)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("</header>\n");
    }

    private static void endpoints(StringBuilder html, RunReport run) {
        html.append("<section id=\"endpoints\"><h2>Endpoints (server side: demo-api's metrics)</h2>\n")
                .append("<table class=\"numbers\"><thead><tr><th>endpoint</th><th>calls</th><th>5xx share</th>")
                .append("<th>p50</th><th>p95</th><th>p99</th><th>worst 1m p95</th><th>SLO threshold</th>")
                .append("<th>verdict</th></tr></thead><tbody>\n");
        for (EndpointVerdict endpoint : run.slo().endpoints()) {
            html.append("<tr data-endpoint=\"").append(escape(endpoint.endpoint())).append("\"><th>")
                    .append(escape(endpoint.endpoint())).append("</th>")
                    .append(td(endpoint.calls(), Unit.COUNT)).append(td(endpoint.serverErrorRatio(), Unit.RATIO))
                    .append(td(endpoint.p50(), Unit.SECONDS)).append(td(endpoint.p95(), Unit.SECONDS))
                    .append(td(endpoint.p99(), Unit.SECONDS)).append(td(endpoint.worstMinuteP95(), Unit.SECONDS))
                    .append(td(endpoint.threshold(), Unit.SECONDS)).append("<td class=\"verdict-cell ")
                    .append(endpoint.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(endpoint.verdict().name().replace('_', ' ')).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"hint\">p50/p95/p99 over every request of the window (the buckets'")
                .append(" increase); worst 1m p95 from the recording rule; PASS when p95 ≤ SLO threshold (thresholds")
                .append(" are bucket bounds, so that is exactly \"95 % of the requests were faster\").</p></section>\n");
    }

    private static void comparisonTable(StringBuilder html, Comparison comparison) {
        html.append("<section id=\"comparison\"><h2>Against the baseline</h2>\n<table class=\"numbers\"><thead><tr>")
                .append("<th>endpoint</th><th>metric</th><th>baseline</th><th>this run</th><th>change</th><th></th>")
                .append("</tr></thead><tbody>\n");
        for (Comparison.Check check : comparison.checks()) {
            Unit unit = switch (check.metric()) {
                case P95, P99 -> Unit.SECONDS;
                case ERROR_SHARE -> Unit.RATIO;
                case THROUGHPUT -> Unit.RATE;
            };
            html.append("<tr class=\"").append(check.regressed() ? "regressed" : "").append("\"><th>")
                    .append(escape(check.endpoint())).append("</th><td>").append(check.metric().title()).append("</td>")
                    .append(td(check.baseline(), unit)).append(td(check.current(), unit)).append("<td>")
                    .append(check.note().isEmpty() ? escape(change(check, unit)) : escape(check.note()))
                    .append("</td><td>").append(check.regressed() ? "REGRESSION" : check.metric().judged() ? "ok" : "")
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void clientSide(StringBuilder html, RunReport run) {
        html.append("<section id=\"client\"><h2>As the load generator saw it</h2>\n");
        if (run.clientSide().lines().isEmpty()) {
            html.append("<p class=\"hint\">The load generator wrote no k6_* series with this testid to Prometheus.</p>")
                    .append("</section>\n");
            return;
        }
        html.append("<table class=\"numbers\"><thead><tr><th>request</th><th>generator</th><th>requests</th>")
                .append("<th>failed</th><th>p50</th><th>p95</th><th>p99</th><th>worst 1m p95</th>")
                .append("<th>SLO threshold</th><th>k6 thresholds</th></tr></thead><tbody>\n");
        for (ClientSideLine line : run.clientSide().lines()) {
            html.append("<tr><th>").append(escape(line.request())).append("</th><td>").append(escape(line.generator()))
                    .append("</td>").append(td(line.calls(), Unit.COUNT)).append(td(line.failedRatio(), Unit.RATIO))
                    .append(td(line.p50(), Unit.SECONDS)).append(td(line.p95(), Unit.SECONDS))
                    .append(td(line.p99(), Unit.SECONDS)).append(td(line.worstMinuteP95(), Unit.SECONDS))
                    .append(td(line.threshold(), Unit.SECONDS)).append("<td class=\"verdict-cell ")
                    .append(line.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(line.verdict().name().replace('_', ' ')).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n<p class=\"hint\">What the load generator sent by remote write (k6's names,")
                .append(" perf-stack's runner labelled runner=\"perf-stack\"): requests and failures from the counters'")
                .append(" last values, percentiles from the native histogram k6_http_req_duration_seconds as it stood at")
                .append(" the name's last push (every request of the run, within the histogram's bucket error);")
                .append(" k6 thresholds: what the chart's k6 thresholds decide (p95 ≤ SLO, failed ≤ 1 − objective).")
                .append(" Information: the verdict is the server side's.</p></section>\n");
    }

    private static void exporter(StringBuilder html, RunReport run) {
        Map<String, Measurement> totals = run.slo().exporterTotals();
        html.append("<section id=\"exporter\"><h2>Exporter results of the run (Pushgateway)</h2>\n");
        if (totals.isEmpty()) {
            html.append("<p class=\"hint\">No Loadtests_* series with this testid.</p></section>\n");
            return;
        }
        html.append("<table class=\"numbers\"><tbody>\n");
        totals.forEach((name, value) -> html.append("<tr><th>").append(escape(name)).append("</th>")
                .append(td(value, Unit.COUNT)).append("</tr>\n"));
        html.append("</tbody></table></section>\n");
    }

    private static String data(RunReport run, Optional<Comparison> comparison) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode plots = root.putArray("plots");
        Map<String, Plot> baseline = new TreeMap<>();
        comparison.ifPresent(compared -> compared.baseline().plots().forEach(plot -> baseline.put(plot.id(), plot)));
        for (Plot plot : run.plots()) {
            List<Plot> parts = new ArrayList<>(List.of(plot));
            Optional.ofNullable(baseline.get(plot.id())).ifPresent(parts::add);
            if (parts.stream().noneMatch(Plot::hasData)) {
                continue;
            }
            ObjectNode node = plots.addObject();
            node.put("id", plot.id()).put("title", plot.title()).put("unit", plot.unit());
            ArrayNode series = node.putArray("series");
            ArrayNode empty = node.putArray("empty");
            for (int part = 0; part < parts.size(); part++) {
                Plot source = parts.get(part);
                for (Plot.Series curve : source.series()) {
                    Plot.Role role = part == 0 ? curve.role() : Plot.Role.BASELINE;
                    String label = part == 0 ? curve.label() : curve.label() + " (baseline)";
                    if (!curve.hasData()) {
                        empty.addObject().put("label", label).put("promql", curve.promql());
                        continue;
                    }
                    ObjectNode line = series.addObject().put("label", label).put("promql", curve.promql())
                            .put("role", role.name().toLowerCase(Locale.ROOT));
                    ArrayNode points = line.putArray("points");
                    for (int i = 0; i < source.seconds().size(); i++) {
                        Double value = curve.values().get(i);
                        if (value != null) {
                            points.addArray().add(source.seconds().get(i)).add(value);
                        }
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not JSON", e);
        }
    }

    /** How a number is shown. */
    private enum Unit {
        COUNT, RATIO, SECONDS, RATE
    }

    private static String td(Measurement measurement, Unit unit) {
        return "<td class=\"num\">" + cell(measurement, unit) + "</td>";
    }

    /** A number with its query: the value as shown, and the PromQL and time under it. */
    private static String cell(Measurement measurement, Unit unit) {
        String shown = measurement.isPresent() ? format(measurement.value(), unit) : "–";
        return "<span class=\"value\" data-promql=\"" + escape(measurement.promql()) + "\" data-at=\""
                + measurement.at().toEpochMilli() / 1000.0 + "\" data-value=\""
                + (measurement.isPresent() ? Double.toString(measurement.value()) : "") + "\" data-unit=\""
                + unit.name().toLowerCase(Locale.ROOT) + "\">" + escape(shown) + "</span><details><summary>PromQL"
                + "</summary><code>" + escape(measurement.promql()) + "</code><small>at "
                + escape(TIME.format(measurement.at())) + " (" + measurement.at().getEpochSecond() + ")</small></details>";
    }

    private static String format(double value, Unit unit) {
        return switch (unit) {
            case COUNT -> String.format(Locale.ROOT, "%,.0f", value);
            case RATIO -> String.format(Locale.ROOT, "%.3f %%", value * 100);
            case SECONDS -> String.format(Locale.ROOT, "%.1f ms", value * 1000);
            case RATE -> String.format(Locale.ROOT, "%.2f req/s", value);
        };
    }

    private static String change(Comparison.Check check, Unit unit) {
        double delta = check.current().value() - check.baseline().value();
        String sign = delta >= 0 ? "+" : "−";
        String relative = check.baseline().value() == 0 ? ""
                : String.format(Locale.ROOT, " (%s%.1f %%)", sign, Math.abs(delta / check.baseline().value() * 100));
        return switch (unit) {
            case RATIO -> String.format(Locale.ROOT, "%s%.3f points", sign, Math.abs(delta * 100));
            default -> sign + format(Math.abs(delta), unit) + relative;
        };
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String webJarVersion(String group, String artifact) {
        Properties properties = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact
                + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + group + ":" + artifact + " is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String template() {
        return resource(OWN + "report.html");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (the uPlot WebJar or the report's own"
                        + " resources are missing from perf-stack's build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
