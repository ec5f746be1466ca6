package dev.perfmonitoring.verification.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfmonitoring.stack.process.PrometheusServer;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.remotewrite.RemoteWriteClient;
import dev.perfmonitoring.stack.remotewrite.Sample;
import dev.perfmonitoring.stack.remotewrite.TimeSeries;
import dev.perfmonitoring.stack.report.EndpointVerdict;
import dev.perfmonitoring.stack.report.RunReport;
import dev.perfmonitoring.stack.report.RunReports;
import dev.perfmonitoring.stack.report.RunWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three runs one after the other on one demo-api target, written into a real Prometheus with their exact scrape times,
 * each report found later by its testid ({@code perf-stack report --testid}, {@code compare}, a run's baseline). The
 * series are what Prometheus stores for them: demo-api's {@code up} and {@code http_requests_total} (one sample a 5 s
 * scrape, the counters registered at zero, no testid), and the load generator's {@code k6_vus} with the run's testid,
 * first pushed 5 s after the first request.
 *
 * <ul>
 *   <li>{@code first}: its stack stops 20 s after the load; the next stack's Prometheus then finds demo-api down twice
 *       while it starts. The report's 30 s settle ends in those failed scrapes: the window must end at the last
 *       answered one, or {@code increase()} extrapolates the counters past their last sample.
 *   <li>{@code second}: a new demo-api process (its counters start again at zero); {@code third} follows on the same
 *       process 8 s after {@code second}'s end, inside its settle: {@code second}'s window must end before
 *       {@code third}'s requests.
 * </ul>
 * Each report must count exactly its own run's calls. This failed at random in {@code RunReportIT}, where the next
 * run's timing decided it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackToBackRunsReportIT {

    private static final long SCRAPE_MILLIS = 5_000;
    private static final String INSTANCE = "127.0.0.1:18080";

    private PrometheusServer prometheus;
    private PrometheusClient client;
    private final Map<SortedMap<String, String>, List<Sample>> series = new LinkedHashMap<>();

    /** A run: its load from {@code loadFrom} to {@code loadTo}, seconds after the start; creates and reads a second. */
    private record Load(String testid, int loadFrom, int loadTo, int postsPerSecond, int getsPerSecond) {

        double posts(double second) {
            return postsPerSecond * Math.max(0, Math.min(second, loadTo) - loadFrom);
        }

        double gets(double second) {
            return getsPerSecond * Math.max(0, Math.min(second, loadTo) - loadFrom);
        }
    }

    private static final Load FIRST = new Load("first", 10, 40, 20, 10);
    private static final Load SECOND = new Load("second", 82, 112, 30, 10);
    private static final Load THIRD = new Load("third", 120, 150, 10, 5);

    @BeforeAll
    void writeTheRunsAsPrometheusStoresThem(@TempDir Path dir) throws Exception {
        prometheus = PrometheusServer.builder().workDir(dir).start();
        client = prometheus.client();
        long start = (System.currentTimeMillis() - 600_000) / SCRAPE_MILLIS * SCRAPE_MILLIS;
        // first's demo-api: scraped from 0 s to 60 s; its stack then stops
        for (int second = 0; second <= 60; second += 5) {
            scrape(start, second, 1, FIRST.posts(second), FIRST.gets(second));
        }
        // the next stack's Prometheus finds demo-api still starting
        scrape(start, 70, 0, 0, 0);
        scrape(start, 75, 0, 0, 0);
        // a new demo-api process serves second, then third
        for (int second = 80; second <= 180; second += 5) {
            scrape(start, second, 1, SECOND.posts(second) + THIRD.posts(second),
                    SECOND.gets(second) + THIRD.gets(second));
        }
        for (Load load : List.of(FIRST, SECOND, THIRD)) {
            for (int second = load.loadFrom() + 5; second <= load.loadTo(); second += 5) {
                add(labels("k6_vus", Map.of("testid", load.testid())), start, second, 8);
            }
        }
        List<TimeSeries> all = new ArrayList<>();
        series.forEach((labels, samples) -> all.add(new TimeSeries(labels, samples, List.of())));
        new RemoteWriteClient(HttpClient.newHttpClient(), URI.create(prometheus.url() + "/api/v1/write"),
                "back-to-back-runs-test").store(all);
    }

    @AfterAll
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aRunWhoseSettleEndsInFailedScrapesCountsExactlyItsCalls() {
        assertThat(callsOfTheRunFoundByItsTestid(FIRST))
                .isEqualTo(Map.of("POST /person", 600L, "GET /person/{id}", 300L));
    }

    @Test
    void aRunFollowedByAnotherWithinItsSettleCountsOnlyItsOwnCalls() {
        assertThat(callsOfTheRunFoundByItsTestid(SECOND))
                .isEqualTo(Map.of("POST /person", 900L, "GET /person/{id}", 300L));
    }

    @Test
    void theRunThatFollowsOnTheSameProcessCountsOnlyItsOwnCalls() {
        assertThat(callsOfTheRunFoundByItsTestid(THIRD))
                .isEqualTo(Map.of("POST /person", 300L, "GET /person/{id}", 150L));
    }

    private Map<String, Long> callsOfTheRunFoundByItsTestid(Load load) {
        RunWindow window = RunWindow.find(client, load.testid(), Instant.now()).orElseThrow();
        RunReport report = new RunReports(client, "demo-api", 0.01).collect(window);
        Map<String, Long> calls = new HashMap<>();
        for (EndpointVerdict endpoint : report.slo().endpoints()) {
            double value = endpoint.calls().value();
            // the window is 1 ms wider than its scrapes (a range leaves out its start); over counters that did not
            // start at zero (third's) increase() extrapolates that millisecond: 0.005 of 300 calls in 60 s
            assertThat(value).as("%s calls of %s in %s", endpoint.endpoint(), load.testid(), report.slo().window())
                    .isCloseTo(Math.rint(value), within(0.01));
            if (value > 0) {
                calls.put(endpoint.endpoint(), Math.round(value));
            }
        }
        return calls;
    }

    /** One scrape of demo-api: {@code up} and, when it answered, its counters. */
    private void scrape(long start, int second, int up, double posts, double gets) {
        add(labels("up", Map.of()), start, second, up);
        if (up == 1) {
            add(labels("http_requests_total", Map.of("method", "POST", "path", "/person", "code", "201")), start,
                    second, posts);
            add(labels("http_requests_total", Map.of("method", "GET", "path", "/person/{id}", "code", "200")), start,
                    second, gets);
        }
    }

    private void add(SortedMap<String, String> labels, long start, int second, double value) {
        series.computeIfAbsent(labels, key -> new ArrayList<>()).add(new Sample(value, start + second * 1000L));
    }

    private static SortedMap<String, String> labels(String name, Map<String, String> labels) {
        SortedMap<String, String> all = new TreeMap<>(labels);
        all.put("__name__", name);
        if (!labels.containsKey("testid")) {
            all.put("job", "demo-api");
            all.put("instance", INSTANCE);
        }
        return all;
    }
}
