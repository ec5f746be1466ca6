package dev.perfmonitoring.stack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) run with the current JVM on a loopback
 * port, ready when {@code /q/health/ready} answers 200.
 */
public final class QuarkusAppServer extends LocalServer {

    private QuarkusAppServer(String name, List<String> command, Map<String, String> environment, int port, Path workDir) {
        super(name, command, environment, port, "/q/health/ready", workDir);
    }

    /**
     * Starts {@code app} ({@code quarkus-run.jar}) on {@code port} with extra environment variables (on top of
     * {@code QUARKUS_HTTP_PORT} and {@code QUARKUS_HTTP_HOST=127.0.0.1}) and waits until it is ready.
     */
    public static QuarkusAppServer start(String name, Path app, int port, Map<String, String> environment, Path workDir) {
        if (!Files.isRegularFile(app)) {
            throw new ServerStartException(name + ": " + app + " does not exist; build it first (./mvnw package)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        QuarkusAppServer server = new QuarkusAppServer(name,
                List.of(java.toString(), "-XX:+UseSerialGC", "-Xmx256m", "-jar", app.toString()), env, port, workDir);
        server.launch();
        return server;
    }
}
