package dev.perfmonitoring.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server binary running as a child process on a loopback port: started, polled until its readiness URL
 * answers 200, stopped on {@link #close()} (and by a shutdown hook if a test forgets). Its output goes to a log
 * file whose tail is part of every failure message.
 */
public class LocalServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final String readinessPath;
    private final Path logFile;
    private Process process;
    private Thread shutdownHook;

    protected LocalServer(String name, List<String> command, int port, String readinessPath, Path workDir) {
        this(name, command, Map.of(), port, readinessPath, workDir);
    }

    protected LocalServer(String name, List<String> command, Map<String, String> environment, int port,
            String readinessPath, Path workDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.readinessPath = readinessPath;
        this.logFile = workDir.resolve(name + "-" + port + ".log");
    }

    /** Starts the process and waits until the readiness URL answers 200. */
    protected void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running on port " + port);
        }
        // A server already listening there would answer the readiness checks in place of this one.
        PortOwner.requireFree(port, name, "start " + name + " on another port");
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new ServerStartException("cannot start " + name + ": " + command + ": " + e.getMessage(), e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> started.destroyForcibly(), name + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new ServerStartException(name + " exited with " + process.exitValue() + " before it was ready"
                        + describe());
            }
            if (answers200(readinessPath)) {
                return;
            }
            sleep(100);
        }
        close();
        throw new ServerStartException(name + " not ready within " + READY_TIMEOUT.toSeconds() + " s" + describe());
    }

    private boolean answers200(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while waiting for " + name, e);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for the port to be released. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id while running, for tests that check nothing is left behind. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log yet)";
            }
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Name, command and log tail: append to any assertion message about this server. */
    public String describe() {
        return "\n--- " + name + " on " + url() + ": " + String.join(" ", command)
                + "\n--- last lines of " + logFile + ":\n" + logTail(40) + "\n---";
    }

    /** GET {@code url() + path}; the body when the answer is 200, otherwise an exception that includes the log. */
    public String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + ": " + response.body()
                    + describe());
        }
        return response.body();
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not answer" + describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    protected static List<String> command(Path binary, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
