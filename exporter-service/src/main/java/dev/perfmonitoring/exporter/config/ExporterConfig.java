package dev.perfmonitoring.exporter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Optional;

/**
 * The exporter's settings. The original exporter's environment variables keep their names: {@code PUSH_GATEWAY_URL}
 * and {@code JOB_NAME} are read through the defaults below; every other key maps to {@code EXPORTER_*}.
 */
@ConfigMapping(prefix = "exporter")
public interface ExporterConfig {

    /** Base URL of the Pushgateway, with or without a trailing slash (env {@code PUSH_GATEWAY_URL}). */
    @WithDefault("${PUSH_GATEWAY_URL:http://localhost:9091}")
    String pushGatewayUrl();

    /** The {@code job} label of every pushed group (env {@code JOB_NAME}). */
    @WithDefault("${JOB_NAME:loadtest}")
    String jobName();

    /** {@code coalesced} (202 at once, pushed off-thread) or {@code sync} (pushed inside the request) (env {@code EXPORTER_PUSH_MODE}). */
    @WithDefault("coalesced")
    PushMode pushMode();

    /** Coalesced mode: at most one push per group per this interval (env {@code EXPORTER_PUSH_INTERVAL}). */
    @WithDefault("1s")
    Duration pushInterval();

    /** Longest wait between retries while the Pushgateway fails; retries back off from twice the interval (env {@code EXPORTER_PUSH_MAX_BACKOFF}). */
    @WithDefault("30s")
    Duration pushMaxBackoff();

    /** Connect and read timeout of each push, read, delete and readiness probe (env {@code EXPORTER_PUSH_TIMEOUT}). */
    @WithDefault("5s")
    Duration pushTimeout();

    /**
     * How often the Pushgateway's readiness is probed for {@code exporter_pushgateway_up} and the {@code pushgateway}
     * health check (env {@code EXPORTER_PROBE_INTERVAL}).
     */
    @WithDefault("10s")
    Duration probeInterval();

    /** Bearer token required by the write endpoints; unset means no token is required (env {@code EXPORTER_TOKEN}). */
    Optional<String> token();

    /** Most test runs ({@code testid} groups) kept in memory; a new run beyond it is refused with 409 (env {@code EXPORTER_MAX_RUNS}). */
    @WithDefault("100")
    @Positive
    int maxRuns();
}
