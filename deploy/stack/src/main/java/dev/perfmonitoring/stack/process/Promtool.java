package dev.perfmonitoring.stack.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of promtool from the Debian package {@code prometheus} (or {@code PROMTOOL_BIN}): its exit code and its
 * output (stdout and stderr together).
 *
 * <pre>{@code
 * Promtool check = Promtool.run(dir, "check", "rules", "rules.yml");
 * Promtool metrics = Promtool.checkMetrics(exposition);
 * }</pre>
 */
public record Promtool(int exitCode, String output) {

    /** promtool's exit code for an exposition it could not parse ({@code check metrics}; 3 means lint findings). */
    public static final int PARSE_ERROR = 1;

    /** Runs {@code promtool <arguments>} in {@code workDir} and waits for it (at most two minutes). */
    public static Promtool run(Path workDir, String... arguments) {
        return runWithInput(workDir, null, arguments);
    }

    /** {@code promtool check metrics}: Prometheus's own text-format parser and linter, reading the exposition on stdin. */
    public static Promtool checkMetrics(String exposition) {
        return runWithInput(Path.of("").toAbsolutePath(), exposition, "check", "metrics");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    private static Promtool runWithInput(Path workDir, String stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Binaries.require("PROMTOOL_BIN", "prometheus", "promtool").toString());
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("promtool", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                try (OutputStream input = process.getOutputStream()) {
                    if (stdin != null) {
                        input.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("promtool " + String.join(" ", arguments)
                            + " did not finish within two minutes");
                }
                return new Promtool(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run promtool " + String.join(" ", arguments), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while promtool ran", e);
        }
    }
}
