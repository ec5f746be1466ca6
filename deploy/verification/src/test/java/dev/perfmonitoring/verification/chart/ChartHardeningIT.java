package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container the chart can run (services, Pushgateway, k6 and its init container, the helm test pod, and the pods
 * the k6-operator makes of the chart's TestRun: each runner with its init container, the initializer, the starter) is
 * non-root with a read-only root filesystem, no privilege escalation, no capabilities and the runtime's default
 * seccomp profile, the restricted Pod Security Standard; no pod mounts a ServiceAccount token it does not use.
 */
class ChartHardeningIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.perfmonitoring.verification.chart.ChartScenario#all")
    void everyContainerRunsRestricted(ChartScenario scenario, @TempDir Path copy) {
        Map<String, PodSpec> pods = podSpecs(scenario, copy);

        assertThat(pods).isNotEmpty();
        pods.forEach((pod, spec) -> {
            PodSecurityContext podContext = Optional.ofNullable(spec.getSecurityContext()).orElseGet(PodSecurityContext::new);
            assertThat(spec.getAutomountServiceAccountToken()).as("%s mounts no ServiceAccount token", pod).isFalse();
            Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream()).forEach(container -> {
                String name = pod + "/" + container.getName();
                SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                assertThat(effective(context, podContext, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot))
                        .as("%s runAsNonRoot", name).isTrue();
                assertThat(Optional.ofNullable(effective(context, podContext, SecurityContext::getRunAsUser,
                        PodSecurityContext::getRunAsUser))).as("%s runAsUser, when set", name).isNotEqualTo(Optional.of(0L));
                assertThat(context.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", name).isTrue();
                assertThat(context.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", name).isFalse();
                assertThat(context.getPrivileged()).as("%s privileged", name).isNotEqualTo(Boolean.TRUE);
                assertThat(context.getCapabilities()).as("%s capabilities", name).isNotNull();
                assertThat(context.getCapabilities().getDrop()).as("%s drops", name).containsExactly("ALL");
                assertThat(context.getCapabilities().getAdd()).as("%s adds", name).isNullOrEmpty();
                String seccomp = Optional.ofNullable(context.getSeccompProfile())
                        .or(() -> Optional.ofNullable(podContext.getSeccompProfile()))
                        .map(profile -> profile.getType()).orElse(null);
                assertThat(seccomp).as("%s seccomp profile", name).isEqualTo("RuntimeDefault");
                assertThat(container.getResources().getLimits()).as("%s memory limit", name).containsKey("memory");
                assertThat(container.getImage()).as("%s image tag", name).doesNotEndWith(":latest").contains(":");
            });
        });
    }

    /** Every pod spec of the scenario, the helm test pod included, by kind and name. */
    private static Map<String, PodSpec> podSpecs(ChartScenario scenario, Path copy) {
        Path chartCopy = ChartCopy.of(copy).withTestHooksAsResources().directory();
        RenderedChart chart = ChartRenderer.chart(chartCopy).valuesFile(scenario.valuesFile()).render();
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        chart.resources(Deployment.class).forEach(deployment ->
                pods.put("Deployment " + deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec()));
        chart.resources(Job.class).forEach(job ->
                pods.put("Job " + job.getMetadata().getName(), job.getSpec().getTemplate().getSpec()));
        chart.resources(Pod.class).forEach(pod -> pods.put("Pod " + pod.getMetadata().getName(), pod.getSpec()));
        chart.documents().stream().filter(document -> document.kind().equals("TestRun"))
                .forEach(testRun -> pods.putAll(TestRunPods.of(testRun).all()));
        return pods;
    }

    private static <T> T effective(SecurityContext container, PodSecurityContext pod,
            Function<SecurityContext, T> fromContainer, Function<PodSecurityContext, T> fromPod) {
        return Optional.ofNullable(fromContainer.apply(container)).orElseGet(() -> fromPod.apply(pod));
    }
}
