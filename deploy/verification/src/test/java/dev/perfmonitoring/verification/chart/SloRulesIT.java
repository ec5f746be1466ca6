package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.process.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slo.endpoints drives the SLO rules: a threshold must be one of demo-api's histogram buckets and is selected with
 * demo-api's spelling of it, an endpoint may appear once, the schema checks each entry, and an empty list renders a
 * rule file without SLO rules or SLO alerts. (Helm's --set replaces a whole list, so these tests write values files.)
 */
class SloRulesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String GET_PERSON = "job: demo-api, method: GET, path: \"/person/{id}\"";

    @TempDir
    Path dir;

    @Test
    void thresholdThatIsNotADemoApiBucketFailsTheRender() {
        assertThat(renderError("{" + GET_PERSON + ", latencySeconds: 0.22, objective: 0.99}")).contains(
                "slo.endpoints: GET /person/{id} has latencySeconds 0.22, which is not one of demo-api's histogram "
                        + "buckets (0.005 0.01 0.025 0.05 0.1 0.2 0.25 0.3 0.4 0.5 0.75 1.0 1.5 2.0 2.5 5.0 10.0)");
    }

    @Test
    void thresholdsSelectTheBucketSpelledLikeJavasDoubleToString() throws IOException {
        List<String> selected = new ArrayList<>();
        for (String threshold : List.of("0.005", "0.25", "1", "2.0", "10")) {
            String ratio = rule(render("{" + GET_PERSON + ", latencySeconds: " + threshold + ", objective: 0.99}"),
                    "job_method_path:slo_latency:ratio_rate1m").path("expr").asText();
            int le = ratio.indexOf("le=\"");
            selected.add(ratio.substring(le, ratio.indexOf('"', le + 4) + 1));
        }

        assertThat(selected).containsExactly("le=\"0.005\"", "le=\"0.25\"", "le=\"1.0\"", "le=\"2.0\"", "le=\"10.0\"");
    }

    @Test
    void sameEndpointTwiceFailsTheRender() {
        assertThat(renderError("{" + GET_PERSON + ", latencySeconds: 0.2, objective: 0.99}",
                "{" + GET_PERSON + ", latencySeconds: 0.3, objective: 0.9}"))
                .contains("slo.endpoints: demo-api GET /person/{id} is listed twice");
    }

    @Test
    void schemaRejectsObjectivesOutsideZeroToOneUnknownMethodsMalformedPathsAndUnknownKeys() {
        assertThat(renderError("{" + GET_PERSON + ", latencySeconds: 0.2, objective: 1}"))
                .contains("/slo/endpoints/0/objective");
        assertThat(renderError("{" + GET_PERSON + ", latencySeconds: 0.2, objective: 0}"))
                .contains("/slo/endpoints/0/objective");
        assertThat(renderError("{job: demo-api, method: get, path: /person, latencySeconds: 0.2, objective: 0.9}"))
                .contains("/slo/endpoints/0/method");
        assertThat(renderError("{job: demo-api, method: GET, path: person, latencySeconds: 0.2, objective: 0.9}"))
                .contains("/slo/endpoints/0/path");
        assertThat(renderError("{" + GET_PERSON + ", thresholdSeconds: 0.2, latencySeconds: 0.2, objective: 0.9}"))
                .contains("thresholdSeconds");
    }

    @Test
    void noSloEndpointsRenderNoSloRulesOrSloAlertsAndStillPassPromtool() throws Exception {
        String ruleFile = render();
        Files.writeString(dir.resolve("rules.yml"), ruleFile);

        Promtool check = Promtool.run(dir, "check", "rules", "rules.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(names(ruleFile)).contains("job_method_path:http_request_duration_seconds:p95_rate1m",
                        "PerfMonitoringHighErrorRate")
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("slo"));
    }

    @Test
    void k6RemoteWriteAlertOnlyWhenK6WritesRemotely() throws IOException {
        assertThat(names(ChartRenderer.chart().render().ruleFileYaml())).contains("PerfMonitoringK6RemoteWriteAbsent");
        assertThat(names(ChartRenderer.chart().set("k6.remoteWrite.enabled", false).render().ruleFileYaml()))
                .doesNotContain("PerfMonitoringK6RemoteWriteAbsent");
    }

    private static List<String> names(String ruleFile) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode group : YAML.readTree(ruleFile).path("groups")) {
            group.path("rules").forEach(rule -> names.add(rule.has("record")
                    ? rule.path("record").asText() : rule.path("alert").asText()));
        }
        return names;
    }

    private static JsonNode rule(String ruleFile, String record) throws IOException {
        for (JsonNode group : YAML.readTree(ruleFile).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (record.equals(rule.path("record").asText())) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no rule " + record + " in\n" + ruleFile);
    }

    /** The rule file rendered with these slo.endpoints entries (YAML flow mappings). */
    private String render(String... endpoints) throws IOException {
        return ChartRenderer.chart().valuesFile(endpointsValues(endpoints)).render().ruleFileYaml();
    }

    private String renderError(String... endpoints) {
        try {
            render(endpoints);
        } catch (ChartRenderException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("slo.endpoints " + List.of(endpoints) + " rendered without error");
    }

    private Path endpointsValues(String... endpoints) throws IOException {
        StringBuilder values = new StringBuilder("slo:\n  endpoints:");
        if (endpoints.length == 0) {
            values.append(" []");
        }
        for (String endpoint : endpoints) {
            values.append("\n    - ").append(endpoint);
        }
        return Files.writeString(Files.createTempFile(dir, "slo", "-values.yaml"), values.append('\n').toString());
    }
}
