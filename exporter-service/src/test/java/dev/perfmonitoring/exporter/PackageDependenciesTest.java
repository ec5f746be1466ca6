package dev.perfmonitoring.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exporter's packages depend on each other in one direction only: {@code rest}, {@code metrics} and
 * {@code health} on {@code service}, {@code service} on {@code config}, and nothing back (no cycle between the own
 * metrics and the services they observe).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "perfmonitoring", "exporter");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.perfmonitoring\\.exporter\\.(\\w+)\\.",
            Pattern.MULTILINE);
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "(root)", Set.of(),
            "config", Set.of(),
            "service", Set.of("config"),
            "metrics", Set.of("service"),
            "health", Set.of("service"),
            "rest", Set.of("service", "config"));

    @Test
    void dependOnEachOtherInOneDirectionOnly() throws IOException {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Path relative = SOURCES.relativize(file);
                String from = relative.getNameCount() == 1 ? "(root)" : relative.getName(0).toString();
                Matcher imports = IMPORT.matcher(read(file));
                while (imports.find()) {
                    if (!imports.group(1).equals(from)) {
                        dependencies.computeIfAbsent(from, key -> new TreeSet<>()).add(imports.group(1));
                    }
                }
            });
        }

        assertThat(dependencies).isNotEmpty();
        dependencies.forEach((from, to) -> assertThat(to).as("packages imported by " + from)
                .isSubsetOf(ALLOWED.getOrDefault(from, Set.of())));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
