package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.RepositoryRoot;
import dev.perfmonitoring.stack.local.StackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The project's scripts as a user runs them ({@code deploy/local/run.sh}, {@code deploy/perf-stack}): a real process
 * with the stack's ports in its environment, the services this build packaged ({@code SKIP_BUILD=1}), its output in a
 * file, and every process it started remembered, to check afterwards that none is left.
 */
final class Scripts {

    private static final Path REPOSITORY = RepositoryRoot.path();

    private Scripts() {
    }

    /** {@code deploy/local/run.sh --work-dir <workDir> <options>}, run to its end. */
    static Run runSh(Path workDir, StackPorts ports, Map<String, String> environment, String... options)
            throws Exception {
        return startRunSh(workDir, ports, environment, options).awaitExit();
    }

    /** {@code deploy/local/run.sh --work-dir <workDir> <options>}, started. */
    static RunningScript startRunSh(Path workDir, StackPorts ports, Map<String, String> environment, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("deploy/local/run.sh", "--work-dir", workDir.toString()));
        command.addAll(List.of(options));
        return start(command, workDir.resolve("run-" + System.nanoTime() + ".out"), ports, environment);
    }

    /** {@code deploy/perf-stack <arguments>}, run to its end, its output in {@code output}. */
    static Run perfStack(Path output, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("deploy/perf-stack"));
        command.addAll(List.of(arguments));
        return start(command, output, StackPorts.free(), Map.of()).awaitExit();
    }

    private static RunningScript start(List<String> command, Path output, StackPorts ports,
            Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SKIP_BUILD", "1");
        environment.put("PUSHGATEWAY_PORT", Integer.toString(ports.pushgateway()));
        environment.put("DEMO_API_PORT", Integer.toString(ports.demoApi()));
        environment.put("EXPORTER_PORT", Integer.toString(ports.exporter()));
        environment.put("EXPOSER_PORT", Integer.toString(ports.exposer()));
        environment.put("PROMETHEUS_PORT", Integer.toString(ports.prometheus()));
        environment.put("GRAFANA_PORT", Integer.toString(ports.grafana()));
        // demo-api's fixed 50-round warm-up, not the one until the JIT compilers are quiet (up to 30 s a start on a busy
        // two-core machine): these tests check the stack's wiring; deploy/bench/demo-api-speed.sh measures the warm-up.
        environment.put("DEMO_API_WARM_UP_UNTIL_COMPILED", "false");
        environment.putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new RunningScript(process, output);
    }

    /** A script while it runs. */
    static final class RunningScript {
        private final Process process;
        private final Path output;
        private final Set<ProcessHandle> seen = new HashSet<>();

        RunningScript(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        /** Polls until the output contains {@code text}; fails with the output after {@code timeout}. */
        void awaitOutput(String text, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!output().contains(text)) {
                assertThat(process.isAlive()).as("the script still running:\n" + output()).isTrue();
                assertThat(System.nanoTime()).as("'" + text + "' in time:\n" + output()).isLessThan(deadline);
                process.descendants().forEach(seen::add);
                Thread.sleep(500);
            }
        }

        /** Sends SIGINT, as Ctrl-C in a terminal does. */
        void interrupt() throws Exception {
            process.descendants().forEach(seen::add);
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
        }

        Run awaitExit() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!process.waitFor(500, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                process.descendants().forEach(seen::add);
            }
            if (process.isAlive()) {
                seen.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the script did not finish within 5 minutes (killed it):\n" + output());
            }
            return new Run(process.exitValue(), output(), seen.stream().filter(ProcessHandle::isAlive).toList());
        }
    }

    /**
     * A finished script.
     *
     * @param exitCode   its exit code
     * @param output     stdout and stderr
     * @param leftBehind processes it started that are still alive
     */
    record Run(int exitCode, String output, List<ProcessHandle> leftBehind) {
    }
}
