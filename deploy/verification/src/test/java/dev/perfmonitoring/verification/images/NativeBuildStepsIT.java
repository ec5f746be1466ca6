package dev.perfmonitoring.verification.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Quarkus native build steps ran for every service without GraalVM ({@code -Dquarkus.native.sources-only=true},
 * run by the test command before the verify build): everything but the native-image compilation itself.
 */
class NativeBuildStepsIT {

    static List<ServiceModule> services() {
        return ServiceModule.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void nativeBuildStepsWroteTheNativeImageInputsForTheService(ServiceModule service) throws IOException {
        NativeSources nativeSources = NativeSources.of(service);

        assertThat(nativeSources.executableName()).isEqualTo(service.runnerName());
        assertThat(nativeSources.runnerJar()).isRegularFile()
                .hasFileName(service.runnerName() + ".jar");
        try (Stream<Path> libraries = Files.list(nativeSources.directory().resolve("lib"))) {
            assertThat(libraries.map(path -> path.getFileName().toString()))
                    .anyMatch(jar -> jar.startsWith("io.quarkus.quarkus-core-"));
        }
        assertThat(nativeSources.arguments())
                .anyMatch(argument -> argument.startsWith("--features=") && argument.contains("io.quarkus.runner.Feature"))
                .contains("--no-fallback");
        assertThat(nativeSources.graalvmVersion()).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    }

    @Test
    void testCommandRunsTheNativeBuildStepsForEveryServiceBeforeTheVerifyBuild() throws IOException {
        List<String> commands = Arrays.stream(Files.readString(RepositoryRoot.path().resolve("deploy/test.sh"))
                        .replace("\\\n", " ")
                        .split("\n"))
                .map(line -> line.strip().replaceAll("\\s+", " "))
                .toList();
        String services = String.join(",", services().stream().map(ServiceModule::name).toList());

        assertThat(NativeSources.COMMAND).contains(" -pl " + services + " -am");
        int nativeBuild = indexOf(commands, NativeSources.COMMAND);
        int verify = indexOf(commands, "exec ./mvnw -B verify \"$@\"");
        int firstVerify = commands.stream().filter(command -> command.contains("./mvnw -B verify")).findFirst()
                .map(commands::indexOf).orElseThrow();
        assertThat(nativeBuild).as("the native build steps run before the verify build whose tests read their output")
                .isLessThan(firstVerify);
        assertThat(firstVerify).as("one verify build").isEqualTo(verify);
    }

    private static int indexOf(List<String> commands, String command) {
        int index = commands.indexOf(command);
        assertThat(index).as("deploy/test.sh runs: " + command).isNotNegative();
        return index;
    }
}
