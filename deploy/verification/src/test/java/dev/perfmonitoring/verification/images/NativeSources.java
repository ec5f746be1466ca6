package dev.perfmonitoring.verification.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the Quarkus native build steps wrote without GraalVM ({@code -Dquarkus.native.sources-only=true}):
 * {@code target/native-sources/} with the runner jar, its libraries, the GraalVM version Quarkus built the
 * configuration for, and {@code native-image.args}, which ends with the executable's name, {@code -jar} and the jar.
 */
record NativeSources(Path directory, List<String> arguments, String graalvmVersion) {

    static final String COMMAND = "./mvnw -B package -DskipTests -Dquarkus.native.enabled=true"
            + " -Dquarkus.native.sources-only=true -pl demo-api,exporter-service,exposer-service -am";

    static NativeSources of(ServiceModule service) {
        Path directory = service.target().resolve("native-sources");
        Path arguments = directory.resolve("native-image.args");
        if (!Files.isRegularFile(arguments)) {
            throw new AssertionError(arguments + " is missing: the native build steps did not run for " + service
                    + ". ./deploy/test.sh runs them before the verify build; by hand: " + COMMAND);
        }
        try {
            return new NativeSources(directory,
                    Arrays.asList(Files.readString(arguments).strip().split("\\s+")),
                    Files.readString(directory.resolve("graalvm.version")).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name native-image gives the executable: the argument before {@code -jar}. */
    String executableName() {
        return arguments.get(jarOption() - 1);
    }

    Path runnerJar() {
        return directory.resolve(arguments.get(jarOption() + 1));
    }

    /** The major version of the GraalVM (or Mandrel) the native build is configured for, e.g. 25. */
    int graalvmMajorVersion() {
        return Integer.parseInt(graalvmVersion.split("\\.")[0]);
    }

    private int jarOption() {
        int index = arguments.indexOf("-jar");
        if (index < 1 || index == arguments.size() - 1) {
            throw new AssertionError(directory.resolve("native-image.args") + " has no '<name> -jar <jar>': " + arguments);
        }
        return index;
    }
}
