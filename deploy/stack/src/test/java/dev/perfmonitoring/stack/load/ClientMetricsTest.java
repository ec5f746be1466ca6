package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.stack.remotewrite.HistogramSample;
import dev.perfmonitoring.stack.remotewrite.Sample;
import dev.perfmonitoring.stack.remotewrite.TimeSeries;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runner's client-side metrics have k6's remote-write shape: names, labels, cumulative values, only updated series
 * sent, stale markers at the end; every series says {@code runner="perf-stack"}.
 */
class ClientMetricsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ClientMetrics metrics = new ClientMetrics("run-7", 65, clock::get);

    @Test
    void aRequestIsCountedTimedAndJudgedUnderK6sNamesAndTags() {
        metrics.request("get", "GET /person/{id}", new Outcome(200, 150_000_000, false));
        metrics.request("get", "GET /person/{id}", new Outcome(200, 50_000_000, false));

        Map<String, TimeSeries> byName = byName(metrics.takeUpdated());

        assertThat(byName).containsOnlyKeys("k6_http_reqs_total", "k6_http_req_duration_seconds",
                "k6_http_req_failed_rate");
        assertThat(byName.get("k6_http_reqs_total").labels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "__name__", "k6_http_reqs_total", "testid", "run-7", "runner", "perf-stack", "scenario", "get",
                "name", "GET /person/{id}", "url", "GET /person/{id}", "method", "GET", "status", "200",
                "expected_response", "true", "proto", "HTTP/1.1")));
        assertThat(byName.get("k6_http_reqs_total").samples()).containsExactly(new Sample(2, 1_000_000));
        HistogramSample durations = byName.get("k6_http_req_duration_seconds").histograms().get(0);
        assertThat(durations.count()).isEqualTo(2);
        assertThat(durations.sum()).isCloseTo(0.2, within(1e-12));
        assertThat(byName.get("k6_http_req_failed_rate").samples()).containsExactly(new Sample(0, 1_000_000));
    }

    @Test
    void aFailureIsItsOwnSeriesWithItsStatusAndK6sErrorCode() {
        metrics.request("update", "PUT /person/{id}", new Outcome(500, 1_000_000, true));
        metrics.request("update", "PUT /person/{id}", new Outcome(0, 1_000_000, true));
        metrics.request("update", "PUT /person/{id}", new Outcome(404, 1_000_000, false));

        List<TimeSeries> counts = metrics.takeUpdated().stream()
                .filter(series -> series.name().equals("k6_http_reqs_total")).toList();

        assertThat(counts).extracting(series -> series.labels().get("status") + " " + series.labels().get("error_code")
                        + " " + series.labels().get("expected_response") + " " + series.labels().get("proto"))
                .containsExactlyInAnyOrder("500 1500 false HTTP/1.1", "0 1000 false null", "404 1404 true HTTP/1.1");
        assertThat(metrics.takeUpdated()).as("nothing new since the last push").isEmpty();
    }

    @Test
    void iterationsDropsAndVusCarryTheScenarioOrOnlyTheRunTags() {
        metrics.vusStarted(50);
        metrics.vusStarted(10);
        metrics.iteration("create");
        metrics.iteration("create");
        metrics.dropped("get", 3);
        metrics.vusStopped(50);
        metrics.sampleVus();

        Map<String, TimeSeries> byName = byName(metrics.takeUpdated());

        assertThat(byName.get("k6_iterations_total").labels()).containsOnlyKeys("__name__", "testid", "runner",
                "scenario").containsEntry("scenario", "create");
        assertThat(byName.get("k6_iterations_total").samples().get(0).value()).isEqualTo(2);
        assertThat(byName.get("k6_dropped_iterations_total").samples().get(0).value()).isEqualTo(3);
        assertThat(byName.get("k6_vus").labels()).containsOnlyKeys("__name__", "testid", "runner");
        assertThat(byName.get("k6_vus").samples().get(0).value()).isEqualTo(10);
        assertThat(byName.get("k6_vus_max").samples().get(0).value()).isEqualTo(65);
    }

    @Test
    void onlyUpdatedSeriesAreSentAtTheirNewestSampleAndAChangeInTheSameMillisecondOneMillisecondLater() {
        metrics.iteration("create");
        clock.set(1_000_400);
        metrics.iteration("create");
        assertThat(metrics.takeUpdated()).singleElement()
                .satisfies(series -> assertThat(series.samples()).containsExactly(new Sample(2, 1_000_400)));

        metrics.iteration("create");
        assertThat(metrics.takeUpdated()).singleElement()
                .satisfies(series -> assertThat(series.samples()).containsExactly(new Sample(3, 1_000_401)));

        clock.set(1_005_000);
        metrics.iteration("delete");
        assertThat(metrics.takeUpdated()).singleElement()
                .satisfies(series -> assertThat(series.labels()).containsEntry("scenario", "delete"));
    }

    @Test
    void staleMarkersEndEverySeriesAfterItsLastPush() {
        metrics.request("get", "GET /person/{id}", new Outcome(200, 1_000_000, false));
        metrics.iteration("get");
        metrics.takeUpdated();

        List<TimeSeries> stale = metrics.staleMarkers();

        assertThat(stale).hasSize(4).allSatisfy(series -> {
            assertThat(series.histograms()).isEmpty();
            assertThat(series.samples()).singleElement().satisfies(sample -> {
                assertThat(sample.isStaleMarker()).isTrue();
                assertThat(sample.timestampMillis()).isEqualTo(1_000_001);
            });
        });
    }

    private static Map<String, TimeSeries> byName(List<TimeSeries> series) {
        return series.stream().collect(Collectors.toMap(TimeSeries::name, one -> one));
    }
}
