package dev.perfmonitoring.verification.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's Dockerfiles copy what the build actually produces: {@code target/quarkus-app/} from the normal build
 * for the JVM image, and the executable the native build names for the native images (its name taken from the native
 * build steps' output); the {@code .dockerignore} lets those files through; the images run as a non-root user on the
 * service's port; the header comments give the build and run commands.
 */
class DockerfilesIT {

    private static final List<String> FLAVORS = List.of("jvm", "native", "native-micro");
    private static final List<String> NATIVE_FLAVORS = List.of("native", "native-micro");

    static List<ServiceModule> services() {
        return ServiceModule.all();
    }

    static Stream<Arguments> dockerfiles() {
        return services().stream().flatMap(service -> FLAVORS.stream().map(flavor -> Arguments.of(service, flavor)));
    }

    static Stream<Arguments> nativeDockerfiles() {
        return services().stream().flatMap(service -> NATIVE_FLAVORS.stream().map(flavor -> Arguments.of(service, flavor)));
    }

    @Test
    void everyQuarkusServiceHasTheThreeDockerfilesAndADockerignore() {
        assertThat(services()).extracting(ServiceModule::name)
                .containsExactly("demo-api", "exporter-service", "exposer-service");
        for (ServiceModule service : services()) {
            for (String flavor : FLAVORS) {
                assertThat(service.dockerfile(flavor)).isRegularFile();
            }
            assertThat(service.directory().resolve(".dockerignore")).isRegularFile();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void jvmImageCopiesEveryPartOfThePackagedApplicationThatTheBuildProduced(ServiceModule service) {
        Path application = service.packagedApplication();
        Dockerfile dockerfile = Dockerfile.read(service.dockerfile("jvm"));
        DockerIgnore ignore = DockerIgnore.read(service.directory().resolve(".dockerignore"));

        Set<String> copied = new TreeSet<>();
        for (Dockerfile.Copy copy : dockerfile.copies()) {
            assertThat(copy.destination()).as(copy.toString()).startsWith("/deployments/");
            for (String source : copy.sources()) {
                List<Path> matches = expand(service.directory(), source);
                assertThat(matches).as("%s: COPY source %s matches nothing the build produced in %s",
                        dockerfile.path(), source, application).isNotEmpty();
                for (Path match : matches) {
                    assertThat(match).as(source + " copies from the packaged application").startsWith(application);
                    copied.add(application.relativize(match).getName(0).toString());
                    assertAdmitted(ignore, service.directory(), match);
                }
            }
        }

        assertThat(copied).as("entries of %s the JVM image copies", application)
                .containsExactlyInAnyOrderElementsOf(entriesTheApplicationRunsFrom(application));
        assertThat(dockerfile.arguments("ENV")).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("nativeDockerfiles")
    void nativeImageCopiesTheExecutableTheNativeBuildNames(ServiceModule service, String flavor) throws IOException {
        NativeSources nativeSources = NativeSources.of(service);
        Dockerfile dockerfile = Dockerfile.read(service.dockerfile(flavor));
        DockerIgnore ignore = DockerIgnore.read(service.directory().resolve(".dockerignore"));
        String executable = "target/" + nativeSources.executableName();

        assertThat(nativeSources.executableName()).isEqualTo(service.runnerName());
        assertThat(dockerfile.copies()).hasSize(1);
        Dockerfile.Copy copy = dockerfile.copies().get(0);
        assertThat(copy.sources()).hasSize(1);
        PathMatcher source = glob(copy.sources().get(0));
        assertThat(source.matches(Path.of(executable)))
                .as("COPY source %s matches the native executable %s", copy.sources().get(0), executable).isTrue();
        try (Stream<Path> built = Files.list(service.target())) {
            assertThat(built.map(path -> service.directory().relativize(path)).filter(source::matches))
                    .as("other build output the COPY source would also pick up").allMatch(Path.of(executable)::equals);
        }
        assertThat(ignore.admits(executable)).as(".dockerignore lets %s through", executable).isTrue();

        String workdir = dockerfile.single("WORKDIR");
        String entrypoint = dockerfile.single("ENTRYPOINT");
        assertThat(entrypoint).startsWith("[\"./application\"");
        assertThat(Path.of(workdir).resolve("application")).isEqualTo(Path.of(copy.destination()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void imageRunsAsANonRootUserThatOwnsTheCopiedFiles(ServiceModule service, String flavor) {
        Dockerfile dockerfile = Dockerfile.read(service.dockerfile(flavor));
        String user = dockerfile.single("USER");

        assertThat(user).as("numeric USER, so Kubernetes can check runAsNonRoot").matches("[0-9]+");
        assertThat(Integer.parseInt(user)).as("USER").isPositive();
        assertThat(dockerfile.copies()).extracting(Dockerfile.Copy::ownerUid).containsOnly(user);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void imageExposesTheServicesHttpPort(ServiceModule service, String flavor) {
        assertThat(Dockerfile.read(service.dockerfile(flavor)).single("EXPOSE"))
                .isEqualTo(String.valueOf(service.httpPort()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void headerGivesTheExactBuildAndRunCommands(ServiceModule service, String flavor) {
        String header = Dockerfile.read(service.dockerfile(flavor)).header();
        String name = service.name();

        assertThat(header)
                .contains("./mvnw -B package -DskipTests ")
                .contains(" -pl " + name + " -am")
                .contains("docker build -f " + name + "/src/main/docker/Dockerfile." + flavor + " -t perf-monitoring/"
                        + name + ":")
                .contains("docker run -i --rm -p " + service.httpPort() + ":" + service.httpPort() + " perf-monitoring/"
                        + name + ":");
        if (NATIVE_FLAVORS.contains(flavor)) {
            assertThat(header)
                    .contains("./mvnw -B package -DskipTests -Pnative -pl " + name + " -am")
                    .contains("./mvnw -B package -DskipTests -Pnative -Dquarkus.native.container-build=true -pl "
                            + name + " -am");
        }
    }

    /** What quarkus-run.jar needs at run time: every entry of quarkus-app/ except the dependency list. */
    private static Set<String> entriesTheApplicationRunsFrom(Path application) {
        try (Stream<Path> entries = Files.list(application)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(entry -> !entry.equals("quarkus-app-dependencies.txt"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths in the build context a COPY source names (a glob; a trailing '/' names a directory). */
    private static List<Path> expand(Path context, String source) {
        PathMatcher matcher = glob(source.endsWith("/") ? source.substring(0, source.length() - 1) : source);
        try (Stream<Path> paths = Files.walk(context.resolve("target"))) {
            return paths.filter(path -> matcher.matches(context.relativize(path))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertAdmitted(DockerIgnore ignore, Path context, Path copied) {
        try (Stream<Path> files = Files.walk(copied)) {
            files.filter(Files::isRegularFile)
                    .map(file -> context.relativize(file).toString())
                    .forEach(file -> assertThat(ignore.admits(file)).as(".dockerignore lets %s through", file).isTrue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
