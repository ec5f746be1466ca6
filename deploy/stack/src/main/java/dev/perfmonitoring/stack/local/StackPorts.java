package dev.perfmonitoring.stack.local;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.process.LoopbackPorts;
import dev.perfmonitoring.stack.process.PortOwner;
import java.util.LinkedHashMap;
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

    /**
     * The documented defaults, overridden by the environment variables named above.
     *
     * @throws UsageException when a variable is set to something that is not a port number
     */
    public static StackPorts fromEnvironment(Map<String, String> environment) {
        return new StackPorts(
                port(environment, "PUSHGATEWAY_PORT", 9091),
                port(environment, "DEMO_API_PORT", 7080),
                port(environment, "EXPORTER_PORT", 8000),
                port(environment, "EXPOSER_PORT", 8001),
                port(environment, "PROMETHEUS_PORT", 9090),
                port(environment, "GRAFANA_PORT", 3000));
    }

    /** Free ports for everything, for tests that must not collide with a stack already running. */
    public static StackPorts free() {
        return new StackPorts(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(),
                LoopbackPorts.free(), LoopbackPorts.free());
    }

    /** The port of a component ({@code demo-api}, {@code exporter-service}, ..., the scrape jobs' names). */
    public int of(String component) {
        Integer port = byComponent().get(component);
        if (port == null) {
            throw new IllegalArgumentException("no port for component " + component);
        }
        return port;
    }

    /**
     * Fails before anything starts when a port is taken.
     *
     * @param withGrafana whether Grafana's port matters (only when Grafana is installed)
     * @throws dev.perfmonitoring.stack.process.ServerStartException naming the port, its variable and the process
     *                                                                holding it
     */
    public void requireFree(boolean withGrafana) {
        byComponent().forEach((component, port) -> {
            if (withGrafana || !component.equals("grafana")) {
                PortOwner.requireFree(port, component, "choose another port with " + variable(component) + "=<port>");
            }
        });
    }

    private Map<String, Integer> byComponent() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("pushgateway", pushgateway);
        ports.put("demo-api", demoApi);
        ports.put("exporter-service", exporter);
        ports.put("exposer-service", exposer);
        ports.put("prometheus", prometheus);
        ports.put("grafana", grafana);
        return ports;
    }

    private static String variable(String component) {
        return switch (component) {
            case "exporter-service" -> "EXPORTER_PORT";
            case "exposer-service" -> "EXPOSER_PORT";
            default -> component.toUpperCase().replace('-', '_') + "_PORT";
        };
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
        throw new UsageException(name + " must be a port number (1-65535), got '" + value + "'");
    }
}
