package dev.perfmonitoring.exposer;

import dev.perfmonitoring.stack.process.Binaries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code promtool check metrics}: Prometheus's own text-format parser and linter, reading the exposition on stdin. */
public final class Promtool {

    /** promtool's exit code for an exposition it could not parse (3 means parsed, with lint findings). */
    public static final int PARSE_ERROR = 1;

    private Promtool() {
    }

    public record Check(int exitCode, String output) {
    }

    public static Check checkMetrics(String exposition) {
        try {
            Process process = new ProcessBuilder(
                    Binaries.require("PROMTOOL_BIN", "prometheus", "promtool").toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool check metrics did not finish within 60 s");
            }
            return new Check(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
