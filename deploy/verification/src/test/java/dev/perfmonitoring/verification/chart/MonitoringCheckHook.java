package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.stack.chart.ChartRenderer;
import dev.perfmonitoring.stack.chart.RenderedChart;
import dev.perfmonitoring.stack.process.Binaries;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chart's helm test monitoring check as the hook pod runs it, but on this machine: the test ConfigMap's files
 * (the script {@code files/tests/check-monitoring.py} and the rendered {@code checks.json}) laid out as the pod's
 * volume, the container's command with its mount path pointed at them, and the container's environment (values from
 * Secrets come from the map a test gives). Needs {@code python3} (Debian package {@code python3}; the pod's image is
 * python on Alpine).
 */
public final class MonitoringCheckHook {

    /** Name of the test ConfigMap and Pod for the default release. */
    public static final String NAME = ChartRenderer.DEFAULT_RELEASE + "-test-monitoring";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigMap configMap;
    private final Pod pod;

    private MonitoringCheckHook(ConfigMap configMap, Pod pod) {
        this.configMap = configMap;
        this.pod = pod;
    }

    /** Renders the chart (a copy in {@code scratch} with the test hooks as plain resources) with {@code values} set. */
    public static MonitoringCheckHook render(Path scratch, Map<String, Object> values) {
        Path copy = ChartCopy.of(scratch).withTestHooksAsResources().directory();
        ChartRenderer renderer = ChartRenderer.chart(copy);
        values.forEach(renderer::set);
        return of(renderer.render());
    }

    /** The hook of a chart rendered with its test hooks as resources. */
    static MonitoringCheckHook of(RenderedChart chart) {
        return new MonitoringCheckHook(chart.resource(ConfigMap.class, NAME), chart.resource(Pod.class, NAME));
    }

    public ConfigMap configMap() {
        return configMap;
    }

    public Pod pod() {
        return pod;
    }

    /** The rendered {@code checks.json}: what the check expects of Prometheus and Grafana. */
    public JsonNode checks() {
        try {
            return JSON.readTree(configMap.getData().get("checks.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the check in {@code directory} and waits for it (its own timeout, from {@code checks.json}, plus a margin).
     *
     * @param secrets the data of the Secrets the container's environment refers to, by key
     */
    public Result run(Path directory, Map<String, String> secrets) {
        Container container = pod.getSpec().getContainers().get(0);
        VolumeMount mount = container.getVolumeMounts().get(0);
        Path volume = directory.resolve("checks");
        try {
            Files.createDirectories(volume);
            for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
                Files.writeString(volume.resolve(file.getKey()), file.getValue());
            }
            List<String> command = new ArrayList<>();
            for (String argument : container.getCommand()) {
                command.add(argument.startsWith(mount.getMountPath() + "/")
                        ? volume.resolve(argument.substring(mount.getMountPath().length() + 1)).toString()
                        : argument);
            }
            command.set(0, Binaries.require("PYTHON3_BIN", "python3", command.get(0)).toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("check.log").toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("GRAFANA_") || name.startsWith("PYTHON"));
            for (EnvVar variable : container.getEnv()) {
                String value = variable.getValue() != null ? variable.getValue()
                        : secrets.get(variable.getValueFrom().getSecretKeyRef().getKey());
                if (value != null) {
                    builder.environment().put(variable.getName(), value);
                }
            }
            Process process = builder.start();
            Duration limit = Duration.ofSeconds(checks().path("timeoutSeconds").asLong() + 60);
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the check did not end within " + limit.toSeconds() + " s: "
                        + Files.readString(directory.resolve("check.log")));
            }
            return new Result(process.exitValue(),
                    Files.readString(directory.resolve("check.log"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the check ran", e);
        }
    }

    /** The check's exit code and everything it printed. */
    public record Result(int exitCode, String output) {

        @Override
        public String toString() {
            return "exit code " + exitCode + ":\n" + output;
        }
    }
}
