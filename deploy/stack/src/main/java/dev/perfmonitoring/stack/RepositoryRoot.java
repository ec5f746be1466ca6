package dev.perfmonitoring.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top directory: the nearest directory holding {@code mvnw}, from the working directory up. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path path() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
