package dev.perfmonitoring.verification.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import org.junit.jupiter.api.Test;

/** NOTES.txt, as {@code helm install} prints it (a client-only dry run), gives the exact port-forward commands. */
class ChartNotesIT {

    @Test
    void notesGiveThePortForwardCommandsForGrafanaPrometheusAndEveryComponent() {
        String notes = notes(ChartScenario.named("default"));

        assertThat(notes).contains(
                "kubectl --namespace monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80",
                "kubectl --namespace monitoring port-forward svc/kube-prometheus-stack-prometheus 9090:9090",
                "kubectl --namespace perf port-forward svc/perf-monitoring-demo-api 7080:7080",
                "kubectl --namespace perf port-forward svc/perf-monitoring-exporter-service 8000:8000",
                "kubectl --namespace perf port-forward svc/perf-monitoring-exposer-service 8001:8001",
                "kubectl --namespace perf port-forward svc/perf-monitoring-pushgateway 9091:9091",
                "helm test perf-monitoring --namespace perf --logs --timeout 10m",
                "helm upgrade perf-monitoring helm/perf-monitoring --namespace perf --reuse-values \\\n"
                        + "    --set k6.enabled=true --set k6.testid=<new run id>",
                "An upgrade with k6.enabled=true and no new k6.testid fails instead of starting another run.");
    }

    @Test
    void notesFollowTheK6RunTheManagementPortAndAnExternalPushgateway() {
        assertThat(notes(ChartScenario.named("management-k6"))).contains(
                "kubectl --namespace perf logs --follow job/perf-monitoring-k6-1",
                "prometheus.prometheusSpec.enableRemoteWriteReceiver=true and enableFeatures [native-histograms]",
                "The SLOs (slo.endpoints) are k6 thresholds: the Job fails when one is broken.",
                "Each testid runs once. Upgrade afterwards with --set k6.enabled=false",
                "the chart refuses to start ci-run-1 again",
                "kubectl --namespace perf port-forward svc/perf-monitoring-demo-api 9000:9000");
        assertThat(notes(ChartScenario.named("external-pushgateway")))
                .contains("http://prometheus-pushgateway.monitoring.svc:9091")
                .doesNotContain("svc/perf-monitoring-pushgateway");
    }

    @Test
    void notesFollowAK6OperatorRunByItsTestRunAndRunnerJobs() {
        assertThat(notes(ChartScenario.named("k6-operator"))).contains(
                "The k6 run ci-operator-run-1 (Person scenario, SCALE=0.1, 3 k6-operator runners):",
                "kubectl --namespace perf get testrun/perf-monitoring-k6-1",
                "kubectl --namespace perf logs --follow --prefix --max-log-requests 4 "
                        + "--selector k6_cr=perf-monitoring-k6-1,runner=true",
                "It needs the k6-operator (v1.6.0 or later) and its TestRun CRD in the cluster",
                "a runner Job fails when one is\n  broken, and the run passed when every runner Job succeeded.",
                "kubectl --namespace perf get jobs --selector k6_cr=perf-monitoring-k6-1,runner=true",
                "the chart refuses to start ci-operator-run-1 again")
                .doesNotContain("job/perf-monitoring-k6-1");
    }

    private static String notes(ChartScenario scenario) {
        InstallCommand install = new Helm(ChartRenderer.chartDirectory()).install()
                .withName(ChartRenderer.DEFAULT_RELEASE)
                .withNamespace(ChartRenderer.DEFAULT_NAMESPACE)
                .withKubeVersion(ChartRenderer.DEFAULT_KUBE_VERSION)
                .withValuesFile(scenario.valuesFile())
                .dryRun()
                .clientOnly();
        String output = install.call().getOutput();
        assertThat(output).contains("NOTES:");
        return output.substring(output.indexOf("NOTES:"));
    }
}
