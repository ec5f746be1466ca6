package dev.perfmonitoring.demoapi.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM image's options, used here the way {@code Dockerfile.jvm} starts the application: {@code GC_CONTAINER_OPTIONS}
 * and {@code JAVA_OPTS_APPEND} with a JDK of the image's major version, the warm-up running until the JIT compilers
 * are quiet (given at most 3 s here, 30 s in the image); and {@code demo-api.warm-up.then-exit}, which stops the
 * application once the warm-up is over (what recording an AOT cache of one's own needs). The deadlines only guard
 * against a hang.
 */
class ImageJvmOptionsIT {

    private static final Path APPLICATION = Path.of("target", "quarkus-app").toAbsolutePath();
    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Pattern IMAGE_JDK = Pattern.compile("(?m)^FROM \\S+/openjdk-(\\d+)-runtime:");
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** The warm-up runs until the JIT compilers are quiet, as in the image, but gives up after 3 s instead of 30 s. */
    private static final Map<String, String> SHORTER_WARM_UP = Map.of("DEMO_API_WARM_UP_MAX_DURATION", "3s");

    @TempDir
    Path work;

    /** Where each started process's console output goes. */
    private final Map<Process, Path> logs = new HashMap<>();

    @Test
    void theWarmUpThenExitStopsTheApplicationWithStatus0() throws Exception {
        Process process = start(List.of(javaOfThisJvm(), "-jar", APPLICATION.resolve("quarkus-run.jar").toString()),
                Map.of("DEMO_API_WARM_UP_THEN_EXIT", "true", "DEMO_API_WARM_UP_ROUNDS", "5",
                        "DEMO_API_WARM_UP_UNTIL_COMPILED", "false"), freePort());
        String log = awaitExit(process);
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("Warm-up: 180 requests");
    }

    @Test
    void theImagesOptionsStartTheApplicationOnTheImagesJdkWarmedUpUntilCompiled() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> command = new ArrayList<>(List.of(jdkBinary(Integer.parseInt(matched(IMAGE_JDK, dockerfile)))));
        command.addAll(Arrays.asList((imageEnv(dockerfile, "GC_CONTAINER_OPTIONS") + " "
                + imageEnv(dockerfile, "JAVA_OPTS_APPEND")).trim().split("\\s+")));
        command.removeIf(option -> option.startsWith("-Dquarkus.http.host="));
        command.addAll(List.of("-jar", APPLICATION.resolve("quarkus-run.jar").toString()));
        int port = freePort();
        Process application = start(command, SHORTER_WARM_UP, port);
        try {
            awaitReady(application, port);
            assertThat(Files.readString(logs.get(application))).contains("Warm-up: ", " requests in ",
                    "JIT compilers busy ");
        } finally {
            application.destroy();
            application.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String imageEnv(String dockerfile, String name) {
        return matched(Pattern.compile("(?m)^ENV " + name + "=\"(.*)\"$"), dockerfile);
    }

    private static String matched(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, DOCKERFILE).isTrue();
        return matcher.group(1);
    }

    /** The java of a JDK of that major version under /usr/lib/jvm (the machines this is built on have a JDK 25). */
    private static String jdkBinary(int major) throws IOException {
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> majorOf(jdk.resolve("release")) == major)
                    .map(jdk -> jdk.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .map(Path::toString)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no JDK " + major + " under /usr/lib/jvm, which the JVM"
                            + " image runs on: install one to check the image's options"));
        }
    }

    private static int majorOf(Path release) {
        if (!Files.isRegularFile(release)) {
            return -1;
        }
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
            return version.find() ? Integer.parseInt(version.group(1)) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaOfThisJvm() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private Process start(List<String> command, Map<String, String> environment, int port) throws IOException {
        assertThat(APPLICATION.resolve("quarkus-run.jar")).as("packaged application (run the package phase first)")
                .exists();
        Path log = Files.createTempFile(work, "demo-api", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DEMO_API_") || name.startsWith("QUARKUS_")
                || name.startsWith("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("DEMO_API_LATENCY_MODE", "off");
        Process process = builder.start();
        logs.put(process, log);
        return process;
    }

    private String awaitExit(Process process) throws Exception {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + DEADLINE + ":\n" + Files.readString(logs.get(process)));
        }
        return Files.readString(logs.get(process));
    }

    private void awaitReady(Process process, int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("started with the image's options:\n%s", Files.readString(logs.get(process)))
                    .isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within " + DEADLINE + ":\n" + Files.readString(logs.get(process)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
