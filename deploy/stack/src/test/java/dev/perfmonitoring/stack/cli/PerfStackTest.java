package dev.perfmonitoring.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.chart.ChartRenderException;
import dev.perfmonitoring.stack.load.ScenarioFile;
import dev.perfmonitoring.stack.load.ScenarioFileException;
import dev.perfmonitoring.stack.process.ServerStartException;
import dev.perfmonitoring.stack.prometheus.PrometheusQueryException;
import dev.perfmonitoring.stack.prometheus.PrometheusUnreachableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/** The command line: options checked before anything runs, one line per expected failure, exit codes in one place. */
class PerfStackTest {

    record Outcome(int exitCode, String out, String err) {
    }

    static List<List<String>> badUsages() {
        return List.of(
                List.of(),
                List.of("launch"),
                List.of("run", "--rate", "0"),
                List.of("run", "--rate", "fast"),
                List.of("run", "--duration", "1.5"),
                List.of("run", "--duration", "-5"),
                List.of("run", "--testid", "a b"),
                List.of("run", "--testid", "-starts-with-a-dash"),
                List.of("run", "--slo", "GET /person/{id}"),
                List.of("run", "--slo", "GET /person/{id}=soon"),
                List.of("run", "--slo-all", "0"),
                List.of("run", "--max-error-ratio", "1.5"),
                List.of("run", "--values", "no-such-file.yaml"),
                List.of("run", "--bogus"),
                List.of("load", "--base-url", "localhost:7080"),
                List.of("load", "--batch-interval", "0"),
                List.of("report"),
                List.of("report", "--from", "yesterday"),
                List.of("report", "--from", "now-1h", "--prometheus-url", "ftp://example"),
                List.of("report", "--from", "now", "--to", "now-1h"));
    }

    @ParameterizedTest
    @MethodSource("badUsages")
    void badUsageExitsWith2WithOneLineAndAPointerToTheHelp(List<String> arguments) {
        Outcome outcome = execute(arguments.toArray(String[]::new));

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err().lines().toList()).as(outcome.err()).hasSizeBetween(2, 3)
                .first().asString().startsWith("perf-stack");
        assertThat(outcome.err()).contains("--help").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void aBadOptionIsNamedWithTheValueAndTheRule() {
        Outcome outcome = execute("run", "--testid", "a b");

        assertThat(outcome.err()).startsWith("perf-stack run: Invalid value for option '--testid': needs 1-63 characters"
                + " of A-Z a-z 0-9 . _ -, starting with a letter or digit, got 'a b'");
    }

    @Test
    void aPrometheusThatDoesNotAnswerExitsWith3NamingIt() throws IOException {
        int closed = closedPort();

        Outcome outcome = execute("report", "--prometheus-url", "http://127.0.0.1:" + closed, "--from", "now-5m");

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.err()).isEqualTo("perf-stack report: no Prometheus answers at http://127.0.0.1:" + closed
                + ": connection refused (is it running? is the port right?)" + System.lineSeparator());
    }

    @Test
    void aDemoApiThatDoesNotAnswerEndsALoadRunBeforeItStartsWithExitCode3() throws IOException {
        int closed = closedPort();

        Outcome outcome = execute("load", "--base-url", "http://127.0.0.1:" + closed, "--duration", "5");

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.err()).startsWith("perf-stack load: demo-api does not answer at http://127.0.0.1:" + closed);
    }

    @Test
    void everyCommandListsTheExitCodesInItsHelp() {
        for (String command : List.of("run", "load", "report")) {
            Outcome outcome = execute(command, "--help");

            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.out()).contains("Exit codes:", "0   every SLO met", "1   an SLO failed",
                    "2   bad usage: nothing was started", "3   the stack or Prometheus could not start or be reached");
        }
    }

    @Test
    void failuresMapToExitCodesInOnePlace() {
        assertThat(ExitCode.of(new UsageException("x"))).isEqualTo(ExitCode.USAGE);
        assertThat(ExitCode.of(new ChartRenderException("x", null))).isEqualTo(ExitCode.USAGE);
        assertThatThrownBy(() -> ScenarioFile.read(Path.of("no-such-scenarios.json")))
                .isInstanceOfSatisfying(ScenarioFileException.class,
                        broken -> assertThat(ExitCode.of(broken)).isEqualTo(ExitCode.USAGE));
        assertThat(ExitCode.of(new ServerStartException("x"))).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(ExitCode.of(new PrometheusUnreachableException(URI.create("http://x"), "y")))
                .isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(ExitCode.of(new PrometheusQueryException("q", "bad_data"))).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(ExitCode.of(new NullPointerException())).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void timesAreNowRelativeIsoOrUnixSeconds() {
        Converters.Time time = new Converters.Time();
        Instant before = Instant.now();

        assertThat(time.convert("now")).isBetween(before, Instant.now());
        assertThat(Duration.between(time.convert("now-1h30m"), Instant.now()).toSeconds())
                .isCloseTo(5400, within(5L));
        assertThat(time.convert("2026-12-02T10:00:00Z")).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(time.convert("1764669600.5")).isEqualTo(Instant.ofEpochMilli(1_764_669_600_500L));
        assertThatThrownBy(() -> time.convert("now-15x")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("15m");
    }

    private static Outcome execute(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PerfStack.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
