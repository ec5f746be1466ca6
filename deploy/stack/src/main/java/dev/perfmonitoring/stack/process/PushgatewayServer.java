package dev.perfmonitoring.stack.process;

import dev.perfmonitoring.stack.prometheus.ExpositionLines;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Prometheus Pushgateway (Debian package {@code prometheus-pushgateway}) on a loopback port.
 *
 * <pre>{@code
 * try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
 *     ... point the code under test at pushgateway.url() ...
 *     assertThat(pushgateway.samples("my_metric")).containsExactly("my_metric{job=\"x\"} 3");
 * }
 * }</pre>
 */
public final class PushgatewayServer extends LocalServer {

    private PushgatewayServer(Path binary, int port, Path workDir) {
        // Debian's build defaults --persistence.file to /var/lib/prometheus/pushgateway.data, which would share
        // pushed groups between every Pushgateway started on the machine: keep each one in memory only.
        super("pushgateway", command(binary, "--web.listen-address=127.0.0.1:" + port, "--web.enable-admin-api",
                "--persistence.file="), port, "/-/ready", workDir);
    }

    /** Starts a Pushgateway on a free loopback port. */
    public static PushgatewayServer start() {
        return startOn(LoopbackPorts.free());
    }

    /** Starts a Pushgateway on the given port, e.g. to bring it back where a client expects it after an outage. */
    public static PushgatewayServer startOn(int port) {
        return startOn(port, ServerDirectories.forTests());
    }

    /** Starts a Pushgateway on the given port with its log in {@code workDir}. */
    public static PushgatewayServer startOn(int port, Path workDir) {
        Path binary = Binaries.require("PUSHGATEWAY_BIN", "prometheus-pushgateway", "prometheus-pushgateway", "pushgateway");
        PushgatewayServer server = new PushgatewayServer(binary, port, workDir);
        server.launch();
        return server;
    }

    /** Stops the process; its pushed groups are gone (no persistence file), as after a real crash. */
    public void stop() {
        close();
    }

    /** Starts the stopped process again on the same port. */
    public void restart() {
        close();
        launch();
    }

    /** The Pushgateway's own exposition ({@code GET /metrics}). */
    public String metrics() {
        return get("/metrics");
    }

    /**
     * The sample lines (no comments) whose metric name is exactly {@code metricName} or {@code metricName} plus
     * a histogram/summary suffix, in exposition order, e.g. {@code my_total{job="x",testid="t1"} 3}.
     */
    public List<String> samples(String metricName) {
        return ExpositionLines.samples(metrics(), metricName);
    }

    /** Deletes every pushed group (admin API). */
    public void wipe() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/admin/wipe"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("wipe -> " + response.statusCode() + describe());
        }
    }
}
