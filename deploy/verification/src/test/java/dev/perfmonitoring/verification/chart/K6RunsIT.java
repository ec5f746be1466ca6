package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A k6 load test is an explicit act: each testid runs once per release, whichever runs it (the Job, or the
 * k6-operator's TestRun). helm upgrade --reuse-values after a run keeps
 * k6.enabled=true, so an upgrade with k6 on must name a testid that has not run ({@code perf-monitoring.k6Runs}); the
 * testids that ran are recorded in the ConfigMap {@code <release>-k6-runs}, which the chart reads back with
 * {@code lookup} on the next upgrade. {@code helm template} has no cluster and no upgrade, so the helper is also
 * rendered with the inputs an upgrade gives it (a template in a copy of the chart).
 */
class K6RunsIT {

    private static final String RECORD = ChartRenderer.DEFAULT_RELEASE + "-k6-runs";

    @Test
    void aRunIsRecordedUnderItsTestidAndNothingIsRecordedWithoutOne() {
        assertThat(ChartScenario.named("management-k6").render().resource(ConfigMap.class, RECORD).getData())
                .containsExactly(Map.entry("testids", "ci-run-1"));
        assertThat(ChartRenderer.chart().set("k6.enabled", true).render().resource(ConfigMap.class, RECORD).getData())
                .as("the default testid: <release>-<revision>")
                .containsEntry("testids", ChartRenderer.DEFAULT_RELEASE + "-1");
        assertThat(ChartScenario.named("default").render().findResource(ConfigMap.class, RECORD)).isEmpty();
        assertThat(ChartScenario.named("k6-operator").render().resource(ConfigMap.class, RECORD).getData())
                .as("a k6-operator run is recorded the same way").containsExactly(Map.entry("testids", "ci-operator-run-1"));
    }

    @Test
    void theGuardHoldsForTheK6OperatorsTestRunToo(@TempDir Path copy) {
        assertThatThrownBy(() -> runsAfter(copy.resolve("rerun"), true, List.of("first-run"), "k6.enabled", true,
                "k6.runner", "operator", "k6.testid", "first-run"))
                .isInstanceOf(ChartRenderException.class)
                .hasMessageContaining("k6 run first-run already ran in this release");
        assertThatThrownBy(() -> runsAfter(copy.resolve("no-testid"), true, List.of("first-run"), "k6.enabled", true,
                "k6.runner", "operator"))
                .isInstanceOf(ChartRenderException.class)
                .hasMessageContaining("k6.enabled=true on an upgrade starts another load test");
    }

    @Test
    void anUpgradeWithK6OnAndNoTestidFailsNamingBothWaysOut(@TempDir Path copy) {
        assertThatThrownBy(() -> runsAfter(copy, true, List.of("perf-monitoring-1"), "k6.enabled", true))
                .isInstanceOf(ChartRenderException.class)
                .hasMessageContaining("k6.enabled=true on an upgrade starts another load test: start one explicitly "
                        + "with --set k6.testid=<new run id>, or upgrade without a run with --set k6.enabled=false");
    }

    @Test
    void anUpgradeThatWouldRunATestidAgainFails(@TempDir Path copy) {
        assertThatThrownBy(() -> runsAfter(copy, true, List.of("first-run"), "k6.enabled", true,
                "k6.testid", "first-run"))
                .isInstanceOf(ChartRenderException.class)
                .hasMessageContaining("k6 run first-run already ran in this release (helm upgrade --reuse-values "
                        + "keeps k6.enabled=true and k6.testid=first-run): start a new run with --set "
                        + "k6.testid=<new run id>, or upgrade without a run with --set k6.enabled=false");
    }

    @Test
    void aNewTestidRunsAndJoinsTheRecord(@TempDir Path copy) {
        assertThat(runsAfter(copy, true, List.of("first-run"), "k6.enabled", true, "k6.testid", "second-run"))
                .isEqualTo("first-run\nsecond-run");
    }

    @Test
    void anUpgradeWithoutARunKeepsTheRecord(@TempDir Path copy) {
        assertThat(runsAfter(copy, true, List.of("first-run", "second-run"), "k6.enabled", false))
                .isEqualTo("first-run\nsecond-run");
    }

    @Test
    void anInstallRunsWithTheDefaultTestid(@TempDir Path copy) {
        assertThat(runsAfter(copy, false, List.of(), "k6.enabled", true)).isEqualTo("perf-monitoring-1");
    }

    /** What perf-monitoring.k6Runs records for an install or upgrade after the runs {@code ran}, with values set. */
    private static String runsAfter(Path copy, boolean upgrade, List<String> ran, Object... values) {
        String ranList = ran.stream().map(testid -> '"' + testid + '"').collect(Collectors.joining(" "));
        Path chart = ChartCopy.of(copy).withTemplate("k6-runs-probe.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: k6-runs-probe
                data:
                  runs: {{ include "perf-monitoring.k6Runs" (dict "root" . "isUpgrade" %s "ran" (list %s)) | quote }}
                """.formatted(upgrade, ranList)).directory();
        ChartRenderer renderer = ChartRenderer.chart(chart);
        for (int i = 0; i < values.length; i += 2) {
            renderer.set((String) values[i], values[i + 1]);
        }
        RenderedChart rendered = renderer.render();
        return rendered.resource(ConfigMap.class, "k6-runs-probe").getData().get("runs");
    }
}
