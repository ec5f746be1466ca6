package dev.perfmonitoring.stack.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds the server binaries the tests run; a missing one fails loudly with the package to install. */
public final class Binaries {

    private Binaries() {
    }

    /**
     * The first of {@code names} found on the PATH, or the path in the environment variable {@code override}.
     *
     * @throws ServerStartException naming the Debian package to install when nothing is found
     */
    public static Path require(String override, String debianPackage, String... names) {
        String configured = System.getenv(override);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new ServerStartException(override + "=" + configured + " is not an executable file");
        }
        return Arrays.stream(names)
                .map(Binaries::onPath)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new ServerStartException(
                        "none of " + Arrays.toString(names) + " is on the PATH: install the Debian package '"
                                + debianPackage + "' (apt-get install " + debianPackage + "), run ./deploy/test.sh"
                                + " which installs it, or point " + override + " at the binary"));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
