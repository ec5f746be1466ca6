package dev.perfmonitoring.verification.chart;

import dev.perfmonitoring.stack.process.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of promtool from the Debian package {@code prometheus} (or {@code PROMTOOL_BIN}): exit code and output. */
public record Promtool(int exitCode, String output) {

    /** Runs {@code promtool <arguments>} in workDir and waits for it (at most two minutes). */
    public static Promtool run(Path workDir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Binaries.require("PROMTOOL_BIN", "prometheus", "promtool").toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(workDir, "promtool", ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish");
        }
        return new Promtool(process.exitValue(), Files.readString(log));
    }
}
