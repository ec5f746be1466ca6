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
 * test gives it, the remote-write receiver on and native histograms enabled (what k6's trends and the load runner's
 * latencies arrive as).
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
        private int port;
        private Path workDir = ServerDirectories.forTests();
        private Path dataDir;

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
            PrometheusServer server = new PrometheusServer(command(binary,
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + (dataDir != null ? dataDir : home.resolve("data")),
                    "--web.listen-address=127.0.0.1:" + listenPort,
                    "--web.enable-remote-write-receiver",
                    // native histograms (k6's trends and the load runner's, by remote write): without the flag,
                    // Prometheus 2.40 to 3.7 answer every write that carries one with 500 and drop the whole request
                    "--enable-feature=native-histograms",
                    "--web.enable-lifecycle",
                    "--log.level=warn"), listenPort, workDir);
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
