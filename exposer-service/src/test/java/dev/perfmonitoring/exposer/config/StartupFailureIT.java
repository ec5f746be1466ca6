package dev.perfmonitoring.exposer.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged application started with bad settings, as an operator would start it: it must exit with status 1 and
 * a message naming the key, never run on a default. The deadlines only guard against a hang.
 */
class StartupFailureIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("the series bound", Map.of("EXPOSER_CARDINALITY_LABEL_VALUES", "385"), List.of(),
                        List.of("exposer.cardinality.label-values (EXPOSER_CARDINALITY_LABEL_VALUES) = 385 would"
                                + " expose 10011 sample series, more than the bound of 10000: use at most 384")),
                Arguments.of("values out of range", Map.of("EXPOSER_CARDINALITY_LABEL_VALUES", "0",
                                "EXPOSER_ORDERS_FAILURE_RATIO", "1.5", "EXPOSER_TICK_INTERVAL", "500ms"), List.of(),
                        List.of("exposer.cardinality.label-values must be greater than or equal to 1",
                                "exposer.orders.failure-ratio must be less than or equal to 1",
                                "exposer.tick-interval must be longer than or equal to 1 second")),
                Arguments.of("a value that is not a number", Map.of("EXPOSER_CARDINALITY_LABEL_VALUES", "many"),
                        List.of(), List.of("exposer.cardinality.label-values with the config value \"many\"")),
                Arguments.of("rules spanning keys and an unknown variable", Map.of(
                                "EXPOSER_ORDERS_FAILURE_RATIO", "0.6", "EXPOSER_ORDERS_CANCEL_RATIO", "0.6",
                                "EXPOSER_LATENCY_BUCKETS", "0.5,0.3",
                                "EXPOSER_RESPONSE_SIZE_QUANTILES", "0.5,1.5",
                                "EXPOSER_QUEUE_PERIOD", "1s",
                                "EXPOSER_CARDINALITY_LABELS", "5"), List.of(),
                        List.of("exposer.orders.failure-ratio (EXPOSER_ORDERS_FAILURE_RATIO) + exposer.orders"
                                        + ".cancel-ratio (EXPOSER_ORDERS_CANCEL_RATIO) = 1.2 is more than 1",
                                "exposer.latency.buckets (EXPOSER_LATENCY_BUCKETS) = [0.5, 0.3] must be strictly"
                                        + " increasing",
                                "exposer.response-size.quantiles (EXPOSER_RESPONSE_SIZE_QUANTILES) = [0.5, 1.5]: 1.5"
                                        + " is out of range",
                                "exposer.queue.period (EXPOSER_QUEUE_PERIOD) = PT1S is shorter than two tick"
                                        + " intervals",
                                "environment variable EXPOSER_CARDINALITY_LABELS matches no exposer setting")),
                Arguments.of("an unknown property", Map.of(), List.of("-Dexposer.cardinality.labels=5"),
                        List.of("exposer.cardinality.labels in SysPropConfigSource does not map to any root")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsStopStartUpNamingEveryKey(String problem, Map<String, String> environment,
                                              List<String> systemProperties, List<String> messages)
            throws Exception {
        Application application = start(environment, systemProperties, 0);
        try {
            assertThat(application.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
            String output = Files.readString(application.log());
            assertThat(application.process().exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains(messages);
        } finally {
            application.stop();
        }
    }

    @Test
    void theLargestCardinalityWithinTheBoundStartsAndExposesItsSeries() throws Exception {
        int port = LoopbackPorts.free();
        Application application = start(Map.of("EXPOSER_CARDINALITY_LABEL_VALUES", "384"), List.of(), port);
        try {
            String exposition = scrapeWhenReady(port, application);
            assertThat(Exposition.sampleLines(exposition)).hasSize(9985);
        } finally {
            application.stop();
        }
    }

    /** A started application and the file its console output goes to. */
    private record Application(Process process, Path log) {

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    private static Application start(Map<String, String> environment, List<String> systemProperties, int port)
            throws IOException {
        assertThat(JAR).as("packaged application (run the package phase first)").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(systemProperties);
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Files.createTempFile("exposer-startup", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("EXPOSER_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return new Application(builder.start(), log);
    }

    private static String scrapeWhenReady(int port, Application application) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(application.process().isAlive()).as(Files.readString(application.log())).isTrue();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/")).header("Accept", "text/plain").build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no answer on port " + port + " within " + DEADLINE);
    }
}
