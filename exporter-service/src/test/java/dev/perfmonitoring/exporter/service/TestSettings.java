package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.config.PushMode;
import java.time.Duration;
import java.util.Optional;

/** The exporter's settings for service objects built without Quarkus: the test profile's values. */
record TestSettings(String pushGatewayUrl, String jobName, PushMode pushMode, Duration pushInterval,
        Duration pushMaxBackoff, Duration pushTimeout, Duration probeInterval, Optional<String> token, int maxRuns)
        implements ExporterConfig {

    static TestSettings pushingTo(String pushGatewayUrl) {
        return new TestSettings(pushGatewayUrl, "loadtest", PushMode.COALESCED, Duration.ofMillis(200),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Optional.empty(), 100);
    }
}
