package dev.perfmonitoring.stack.process;

import dev.perfmonitoring.stack.prometheus.PrometheusClient.Target;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a loopback port, with the scrape jobs and rule files a
 * test gives it and the remote-write receiver on (unless {@link Builder#remoteWriteReceiver(boolean)} turns it off).
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrapeInterval("1s")
 *         .scrapeJob(ScrapeJob.pushgateway("pushgateway", pushgateway.url().substring(7)))
 *         .ruleFile(rules)
 *         .start()) {
 *     prometheus.awaitTargetsUp(Duration.ofSeconds(20));
 *     OptionalDouble up = prometheus.client().value("up{job=\"pushgateway\"}");
 * }
 * }</pre>
 */
public final class PrometheusServer extends LocalServer {

    private final PrometheusClient client;

    private PrometheusServer(List<String> command, int port, Path workDir) {
        super("prometheus", command, port, "/-/ready", workDir);
        this.client = new PrometheusClient(HTTP, URI.create(url()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP API of this server. */
    public PrometheusClient client() {
        return client;
    }

    /**
     * Polls the targets until every active one is up.
     *
     * @throws ServerStartException after {@code timeout}, listing the targets that are not up and Prometheus's log
     */
    public void awaitTargetsUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> notUp = targetsNotUp();
            if (notUp.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServerStartException("targets not up after " + timeout.toSeconds() + " s: " + notUp
                        + describe());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("interrupted while waiting for the targets of " + name(), e);
            }
        }
    }

    /** Active targets whose health is not {@code up}, as {@code job@url (health: lastError)}; empty when none. */
    public List<String> targetsNotUp() {
        List<Target> targets = client.targets();
        if (targets.isEmpty()) {
            return List.of("(no active targets yet)");
        }
        return targets.stream().filter(target -> !target.isUp()).map(Target::toString).toList();
    }

    /** Configuration of a {@link PrometheusServer}; {@link #start()} writes {@code prometheus.yml} and starts it. */
    public static final class Builder {
        private String scrapeInterval = "1s";
        private String evaluationInterval = "1s";
        private final List<ScrapeJob> scrapeJobs = new ArrayList<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private final List<String> features = new ArrayList<>();
        private boolean remoteWriteReceiver = true;
        private int port;
        private Path workDir = ServerDirectories.forTests();
        private Path dataDir;
        private Duration retention;

        private Builder() {
        }

        /** Scrape interval of every job, in Prometheus duration syntax (default {@code 1s}, to keep tests short). */
        public Builder scrapeInterval(String interval) {
            this.scrapeInterval = interval;
            return this;
        }

        /** Rule evaluation interval (default {@code 1s}). */
        public Builder evaluationInterval(String interval) {
            this.evaluationInterval = interval;
            return this;
        }

        public Builder scrapeJob(ScrapeJob job) {
            scrapeJobs.add(job);
            return this;
        }

        /** A Prometheus rule file (groups of recording and alerting rules) to load. */
        public Builder ruleFile(Path file) {
            ruleFiles.add(file.toAbsolutePath());
            return this;
        }

        /**
         * Whether Prometheus accepts remote write at {@code /api/v1/write} ({@code --web.enable-remote-write-receiver};
         * default on). Off, the path answers 404, as a kube-prometheus-stack Prometheus without
         * {@code enableRemoteWriteReceiver} does.
         */
        public Builder remoteWriteReceiver(boolean enabled) {
            this.remoteWriteReceiver = enabled;
            return this;
        }

        /** A feature flag, e.g. {@code native-histograms} ({@code --enable-feature=...}); none by default. */
        public Builder enableFeature(String feature) {
            features.add(feature);
            return this;
        }

        /** Listen on this port instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the configuration, data and log go (default {@code target/servers} of the module under test). */
        public Builder workDir(Path dir) {
            this.workDir = dir.toAbsolutePath();
            return this;
        }

        /**
         * Keep the TSDB here (default: {@code <workDir>/prometheus-<port>/data}); point a new server at the data of one
         * that has stopped to query what it recorded.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir.toAbsolutePath();
            return this;
        }

        /** Keep the data this long ({@code --storage.tsdb.retention.time}; Prometheus's default is 15 days). */
        public Builder retention(Duration time) {
            this.retention = time;
            return this;
        }

        public PrometheusServer start() {
            Path binary = Binaries.require("PROMETHEUS_BIN", "prometheus", "prometheus");
            int listenPort = port != 0 ? port : LoopbackPorts.free();
            Path home = workDir.resolve("prometheus-" + listenPort);
            Path config = home.resolve("prometheus.yml");
            try {
                Files.createDirectories(home);
                Files.writeString(config, configYaml());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> arguments = new ArrayList<>(List.of(
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + (dataDir != null ? dataDir : home.resolve("data")),
                    "--web.listen-address=127.0.0.1:" + listenPort,
                    "--web.enable-lifecycle",
                    "--log.level=warn"));
            if (retention != null) {
                arguments.add("--storage.tsdb.retention.time=" + retention.toSeconds() + "s");
            }
            if (remoteWriteReceiver) {
                arguments.add("--web.enable-remote-write-receiver");
            }
            if (!features.isEmpty()) {
                arguments.add("--enable-feature=" + String.join(",", features));
            }
            PrometheusServer server = new PrometheusServer(command(binary, arguments.toArray(String[]::new)),
                    listenPort, workDir);
            server.launch();
            return server;
        }

        String configYaml() {
            StringBuilder yaml = new StringBuilder()
                    .append("global:\n")
                    .append("  scrape_interval: ").append(scrapeInterval).append('\n')
                    .append("  evaluation_interval: ").append(evaluationInterval).append('\n');
            if (!ruleFiles.isEmpty()) {
                yaml.append("rule_files:\n");
                ruleFiles.forEach(file -> yaml.append("  - \"").append(file).append("\"\n"));
            }
            yaml.append("scrape_configs:\n");
            scrapeJobs.forEach(job -> yaml.append(job.toYaml(scrapeInterval)));
            return yaml.toString();
        }
    }
}
