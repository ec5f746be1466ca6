package dev.perfmonitoring.verification;

import dev.perfmonitoring.stack.RepositoryRoot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's commands, CI and the Maven wrapper stay true to each other. */
class BuildFoundationIT {

    private final Path root = RepositoryRoot.path();

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        List<String> ciCommands = Files.readAllLines(root.resolve(".ci/run")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> !line.startsWith("set ") && !line.startsWith("cd "))
                .toList();

        assertThat(ciCommands).containsExactly("./deploy/test.sh");
        assertThat(readme).contains("\n./deploy/test.sh\n");
    }

    @Test
    void wrapperPinsMaven3911AndNamesNoDownloadAddress() throws IOException {
        Path properties = root.resolve(".mvn/wrapper/maven-wrapper.properties");

        assertThat(Files.readAllLines(properties)).contains("maven.version=3.9.11");
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve(".mvn")), Stream.of(root.resolve("mvnw")))) {
            files.filter(Files::isRegularFile).forEach(file -> assertThat(content(file))
                    .as(file + " must not spell out a repository address").doesNotContain("://"));
        }
        assertThat(Files.isExecutable(root.resolve("mvnw"))).as("mvnw has its run bit").isTrue();
    }

    @Test
    void wrapperBootstrapsMaven3911IntoAnEmptyUserHome(@TempDir Path userHome) throws Exception {
        // MAVEN_USER_HOME is where mvnw keeps its distributions; an empty one forces the bootstrap path.
        ProcessBuilder fresh = new ProcessBuilder(root.resolve("mvnw").toString(), "-v")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(userHome.resolve("fresh.out").toFile());
        fresh.environment().put("MAVEN_USER_HOME", userHome.resolve("m2").toString());
        Process process = fresh.start();

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("mvnw -v finished").isTrue();
        String output = Files.readString(userHome.resolve("fresh.out"));
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("bootstrapping it").contains("Apache Maven 3.9.11");
        assertThat(userHome.resolve("m2/wrapper/dists/apache-maven-3.9.11/apache-maven-3.9.11/bin/mvn")).isExecutable();
    }

    private static String content(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
