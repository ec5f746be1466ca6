package dev.perfmonitoring.verification.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One direction of dependencies: the tool (deploy/stack) and the services hold no test code in their main code, the
 * test library (deploy/testing) is a test-scope dependency of every module that uses it, and no module's tests import
 * another module's test classes.
 */
class ModuleDependenciesIT {

    private static final Path ROOT = RepositoryRoot.path();
    private static final List<String> MODULES = List.of("deploy/stack", "deploy/testing", "deploy/verification",
            "demo-api", "exporter-service", "exposer-service");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern TESTING_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.perfmonitoring</groupId>\\s*<artifactId>perf-testing</artifactId>(.*?)"
                    + "</dependency>", Pattern.DOTALL);

    /** deploy/testing is the test library: its main code is test code, used at test scope only. */
    @Test
    void mainCodeImportsNoTestLibraryAndThrowsNoAssertionError() {
        List<String> offences = new ArrayList<>();
        for (String module : MODULES.stream().filter(module -> !module.equals("deploy/testing")).toList()) {
            for (Path file : javaFiles(ROOT.resolve(module).resolve("src/main/java"))) {
                String source = read(file);
                Matcher imported = IMPORT.matcher(source);
                while (imported.find()) {
                    String name = imported.group(1);
                    if (name.startsWith("dev.perfmonitoring.testing") || name.startsWith("org.junit")
                            || name.startsWith("org.assertj")) {
                        offences.add(ROOT.relativize(file) + " imports " + name);
                    }
                }
                if (source.contains("new AssertionError")) {
                    offences.add(ROOT.relativize(file) + " throws AssertionError");
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void theTestLibraryIsATestScopeDependencyWhereverItIsUsed() {
        List<String> users = new ArrayList<>();
        for (String module : MODULES) {
            Matcher dependency = TESTING_DEPENDENCY.matcher(read(ROOT.resolve(module).resolve("pom.xml")));
            while (dependency.find()) {
                users.add(module);
                assertThat(dependency.group(1)).as("%s depends on perf-testing", module).contains("<scope>test</scope>");
            }
        }
        assertThat(users).containsExactlyInAnyOrder("deploy/verification", "demo-api", "exporter-service",
                "exposer-service");
        assertThat(read(ROOT.resolve("deploy/stack/pom.xml"))).doesNotContain("perf-testing");
    }

    @Test
    void noModuleImportsAnotherModulesTestClasses() {
        Map<String, String> testClassModule = new HashMap<>();
        for (String module : MODULES) {
            Path tests = ROOT.resolve(module).resolve("src/test/java");
            for (Path file : javaFiles(tests)) {
                String name = tests.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                testClassModule.put(name, module);
            }
        }
        List<String> offences = new ArrayList<>();
        for (String module : MODULES) {
            List<Path> files = new ArrayList<>(javaFiles(ROOT.resolve(module).resolve("src/test/java")));
            files.addAll(javaFiles(ROOT.resolve(module).resolve("src/main/java")));
            for (Path file : files) {
                Matcher imported = IMPORT.matcher(read(file));
                while (imported.find()) {
                    String owner = testClassModule.get(imported.group(1));
                    if (owner != null && !owner.equals(module)) {
                        offences.add(ROOT.relativize(file) + " imports " + imported.group(1) + " from the tests of "
                                + owner);
                    }
                }
            }
        }
        assertThat(testClassModule).as("test classes found").hasSizeGreaterThan(50);
        assertThat(offences).isEmpty();
    }

    private static List<Path> javaFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
