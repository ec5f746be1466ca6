package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.stack.local.StackPorts;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.verification.stack.Scripts.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code deploy/local/run.sh}, as a user meets it: an impossible SLO ends in exit code 1,
 * --keep-running serves until Ctrl-C, bad usage and a stack that cannot start end at once with their exit codes,
 * naming the cause, and leave nothing running. (A passing run, its report and a run against a baseline: RunReportIT.)
 * Real Pushgateway, services and Prometheus on free loopback ports; the services are the ones this build packaged.
 */
class LocalRunScriptIT {

    @Test
    void anImpossibleSloFailsTheRunWithExitCode1(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), "--duration", "15", "--testid", "ci-impossible",
                "--slo-all", "0.005");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("OVERALL: FAIL").containsPattern("(?m)\\s+FAIL$");
        assertThat(run.leftBehind()).isEmpty();
    }

    @Test
    void keepRunningServesUntilCtrlCThenStopsEverything(@TempDir Path workDir) throws Exception {
        StackPorts ports = StackPorts.free();
        Scripts.RunningScript script = Scripts.startRunSh(workDir, ports, Map.of(), "--duration", "5", "--keep-running",
                "--slo-all", "5");

        script.awaitOutput("press Ctrl-C to stop it", Duration.ofMinutes(3));
        PrometheusClient prometheus = new PrometheusClient(URI.create("http://127.0.0.1:" + ports.prometheus()));
        assertThat(prometheus.query("up == 1")).as("targets up while it keeps running").hasSize(4);
        script.interrupt();
        Run run = script.awaitExit();

        assertThat(run.output()).contains("OVERALL: PASS");
        assertThat(run.leftBehind()).as("processes still alive after Ctrl-C").isEmpty();
    }

    @Test
    void badUsageExitsWith2NamingTheOptionAndStartsNothing(@TempDir Path workDir) throws Exception {
        List<List<String>> badUsages = List.of(
                List.of("--rate", "fast"),
                List.of("--duration", "1.5"),
                List.of("--testid", "a b"),
                List.of("--slo", "GET /person/{id}"),
                List.of("--slo", "GET /person/{id}=0.33"),
                List.of("--slo", "GET /nowhere=0.2"),
                List.of("--values", "no-such-values.yaml"),
                List.of("--bogus"));
        List<String> named = List.of("'--rate'", "'--duration'", "'--testid'", "'--slo'",
                "not one of demo-api's histogram buckets", "no SLO endpoint [GET /nowhere]", "'--values'", "'--bogus'");
        for (int i = 0; i < badUsages.size(); i++) {
            Path dir = Files.createDirectories(workDir.resolve("bad-" + i));
            Run run = runScript(dir, StackPorts.free(), badUsages.get(i).toArray(String[]::new));

            assertThat(run.exitCode()).as("%s:%n%s", badUsages.get(i), run.output()).isEqualTo(2);
            assertThat(run.output()).as("%s", badUsages.get(i)).contains(named.get(i))
                    .contains("see: perf-stack run --help").doesNotContain("\tat ");
            assertNothingStarted(dir, run);
        }
    }

    @Test
    void aBadPortVariableIsBadUsage(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), Map.of("PROMETHEUS_PORT", "ninety"), "--duration", "5");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("PROMETHEUS_PORT must be a port number (1-65535), got 'ninety'");
        assertNothingStarted(workDir, run);
    }

    @Test
    void aTakenPortExitsWith3NamingThePortAndItsProcessBeforeAnythingStarts(@TempDir Path workDir) throws Exception {
        StackPorts ports = StackPorts.free();
        try (ServerSocket taken = new ServerSocket(ports.prometheus(), 1, InetAddress.getLoopbackAddress())) {
            Run run = runScript(workDir, ports, "--duration", "5");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.output())
                    .contains("port " + ports.prometheus() + " for prometheus is already in use by pid "
                            + ProcessHandle.current().pid() + " (")
                    .contains("PROMETHEUS_PORT=<port>")
                    .doesNotContain("\tat ");
            assertNothingStarted(workDir, run);
        }
    }

    @Test
    void aMissingPrometheusExitsWith3NamingWhatToInstall(@TempDir Path workDir) throws Exception {
        Run run = runScript(workDir, StackPorts.free(), Map.of("PROMETHEUS_BIN", workDir.resolve("no-prometheus")
                .toString()), "--duration", "5");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("PROMETHEUS_BIN=" + workDir.resolve("no-prometheus")
                + " is not an executable file").doesNotContain("\tat ");
        assertNothingStarted(workDir, run);
    }

    /** No server ran: none wrote a log into the work directory, and no process is left. */
    private static void assertNothingStarted(Path workDir, Run run) throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".log")))
                    .as("logs of started servers").isEmpty();
        }
        assertThat(run.leftBehind()).isEmpty();
    }

    private Run runScript(Path workDir, StackPorts ports, String... options) throws Exception {
        return Scripts.runSh(workDir, ports, Map.of(), options);
    }

    private Run runScript(Path workDir, StackPorts ports, Map<String, String> environment, String... options)
            throws Exception {
        return Scripts.runSh(workDir, ports, environment, options);
    }
}
