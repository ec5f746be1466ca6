package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.process.LoopbackPorts;
import java.util.Map;

/**
 * Loopback ports of the one-machine stack; the defaults are the services' own (and Prometheus's, the
 * Pushgateway's and Grafana's usual ones), each overridable by an environment variable.
 *
 * @param pushgateway {@code PUSHGATEWAY_PORT}, default 9091
 * @param demoApi     {@code DEMO_API_PORT}, default 7080
 * @param exporter    {@code EXPORTER_PORT}, default 8000
 * @param exposer     {@code EXPOSER_PORT}, default 8001
 * @param prometheus  {@code PROMETHEUS_PORT}, default 9090
 * @param grafana     {@code GRAFANA_PORT}, default 3000
 */
public record StackPorts(int pushgateway, int demoApi, int exporter, int exposer, int prometheus, int grafana) {

    /** The documented defaults, overridden by the environment variables named above. */
    public static StackPorts fromEnvironment(Map<String, String> environment) {
        return new StackPorts(
                port(environment, "PUSHGATEWAY_PORT", 9091),
                port(environment, "DEMO_API_PORT", 7080),
                port(environment, "EXPORTER_PORT", 8000),
                port(environment, "EXPOSER_PORT", 8001),
                port(environment, "PROMETHEUS_PORT", 9090),
                port(environment, "GRAFANA_PORT", 3000));
    }

    private static int port(Map<String, String> environment, String name, int defaultPort) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (1-65535), got '" + value + "'");
    }

    /** The port of a scrape job's component ({@code demo-api}, {@code exporter-service}, ...). */
    public int of(String component) {
        return switch (component) {
            case "pushgateway" -> pushgateway;
            case "demo-api" -> demoApi;
            case "exporter-service" -> exporter;
            case "exposer-service" -> exposer;
            case "prometheus" -> prometheus;
            case "grafana" -> grafana;
            default -> throw new IllegalArgumentException("no port for component " + component);
        };
    }

    /** Free ports for everything, for tests that must not collide with a stack already running. */
    public static StackPorts free() {
        return new StackPorts(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(),
                LoopbackPorts.free(), LoopbackPorts.free());
    }
}
