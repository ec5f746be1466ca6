package dev.perfmonitoring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfmonitoring.stack.process.PushgatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PushgatewayServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesWhatWasPushedUnderItsGroupingKey() throws Exception {
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            int status = push(pushgateway, "/metrics/job/loadtest/testid/run-1",
                    "# TYPE demo_requests gauge\ndemo_requests 42\n");

            assertThat(status).isEqualTo(200);
            assertThat(pushgateway.samples("demo_requests"))
                    .containsExactly("demo_requests{instance=\"\",job=\"loadtest\",testid=\"run-1\"} 42");
        }
    }

    @Test
    void restartOnTheSamePortLosesUnpersistedGroupsLikeARealCrash() throws Exception {
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            int port = pushgateway.port();
            push(pushgateway, "/metrics/job/loadtest", "demo_requests 1\n");

            pushgateway.stop();
            assertThat(pushgateway.isRunning()).isFalse();
            assertThatThrownBy(pushgateway::metrics).hasMessageContaining("did not answer");

            pushgateway.restart();
            assertThat(pushgateway.port()).isEqualTo(port);
            assertThat(pushgateway.samples("demo_requests")).isEmpty();
        }
    }

    @Test
    void wipeDeletesEveryGroup() throws Exception {
        try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
            push(pushgateway, "/metrics/job/a", "demo_requests 1\n");
            push(pushgateway, "/metrics/job/b", "demo_requests 2\n");

            pushgateway.wipe();

            assertThat(pushgateway.samples("demo_requests")).isEmpty();
        }
    }

    static int push(PushgatewayServer pushgateway, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pushgateway.url() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
