package dev.perfmonitoring.exporter.service;

import dev.perfmonitoring.exporter.config.ExporterConfig;
import dev.perfmonitoring.exporter.config.PushgatewayAddress;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Talks to the Pushgateway through the Prometheus Java client's Pushgateway exporter: one group per {@link RunKey}
 * ({@code job} plus {@code testid} when given), text format, no timestamps, PUT so the group holds exactly the
 * pushed state.
 */
@ApplicationScoped
public class PushgatewayClient {

    private final PushgatewayAddress address;
    private final String job;
    private final Duration timeout;
    private final HttpClient probeClient;

    public PushgatewayClient(ExporterConfig config) {
        this.address = PushgatewayAddress.parse(config.pushGatewayUrl());
        this.job = config.jobName();
        this.timeout = config.pushTimeout();
        this.probeClient = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Replaces the group's metrics with {@code snapshot}. */
    public void push(RunKey key, MetricSnapshots snapshot) throws IOException {
        pushGateway(key).push(() -> snapshot);
    }

    /** Deletes the group and all its metrics. */
    public void delete(RunKey key) throws IOException {
        pushGateway(key).delete();
    }

    /** Whether the Pushgateway answers its readiness endpoint ({@code GET /-/ready}) within the timeout. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address.baseUrl() + "/-/ready")).timeout(timeout).build();
        try {
            return probeClient.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return address.baseUrl();
    }

    private PushGateway pushGateway(RunKey key) {
        PushGateway.Builder builder = PushGateway.builder()
                .scheme(Scheme.valueOf(address.scheme().toUpperCase()))
                .address(address.address())
                .job(job)
                .format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(timeout)
                .readTimeout(timeout);
        if (key.isRun()) {
            builder.groupingKey("testid", key.testid());
        }
        return builder.build();
    }
}
