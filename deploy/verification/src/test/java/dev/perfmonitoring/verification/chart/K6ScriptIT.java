package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Person scenario exists once: deploy/k6/person-api.js is a relative symlink to the chart's copy (which the k6 Job
 * mounts), and it declares seed 001's five scenarios.
 */
class K6ScriptIT {

    private final Path script = ChartRenderer.chartDirectory().resolve("files/k6/person-api.js");

    @Test
    void deployScriptIsARelativeSymlinkToTheChartsScript() throws IOException {
        Path link = RepositoryRoot.path().resolve("deploy/k6/person-api.js");

        assertThat(Files.isSymbolicLink(link)).as("%s is a symlink", link).isTrue();
        assertThat(Files.readSymbolicLink(link).isAbsolute()).isFalse();
        assertThat(link.toRealPath()).isEqualTo(script.toRealPath());
    }

    @Test
    void scriptDeclaresTheFiveScenariosOfSeed001() throws IOException {
        String source = Files.readString(script);
        String scenarios = source.substring(source.indexOf("scenarios: {"), source.indexOf("thresholds: {"));

        assertThat(source).contains("const CREATE_ITERATIONS = scaledCount(50000);");
        assertThat(scenarios).containsSubsequence(
                "create: {", "executor: 'shared-iterations'", "vus: 50", "iterations: CREATE_ITERATIONS",
                "maxDuration: scaledDuration(600)",
                "update: {", "executor: 'constant-arrival-rate'", "rate: 5,", "scaledDuration(120)", "maxVUs: 5",
                "delete: {", "executor: 'shared-iterations'", "vus: 2", "scaledCount(500)",
                "get: {", "executor: 'constant-arrival-rate'", "rate: 20,", "maxVUs: 10",
                "list: {", "executor: 'constant-arrival-rate'", "rate: 10,", "maxVUs: 5");
        assertThat(source).contains("__ENV.BASE_URL", "__ENV.TESTID", "positiveNumber('SCALE', 1)", "__ENV.EXPORTER_URL",
                "tags: { testid: TESTID }", "export function handleSummary(data)", "/pushMetrics",
                "total:", "failed:", "latency:", "RPS:", "experimental-prometheus-rw",
                "K6_PROMETHEUS_RW_TREND_STATS='p(50),p(95),p(99),avg,min,max'");
    }
}
