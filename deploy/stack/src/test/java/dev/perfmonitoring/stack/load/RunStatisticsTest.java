package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunStatisticsTest {

    private static final String GET = "GET /person/{id}";
    private static final String CREATE = "POST /person";

    @Test
    void percentilesPerRequestNameAreTheLatenciesRecordedFromManyThreads() throws Exception {
        RunStatistics statistics = new RunStatistics(List.of(CREATE, GET));
        List<Long> millis = new ArrayList<>();
        for (long ms = 1; ms <= 1000; ms++) {
            millis.add(ms);
        }
        Collections.shuffle(millis);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (long ms : millis) {
            threads.execute(() -> statistics.record(GET,
                    new Outcome(200, TimeUnit.MILLISECONDS.toNanos(ms), ms % 100 == 0)));
            threads.execute(() -> statistics.record(CREATE, new Outcome(201, TimeUnit.MILLISECONDS.toNanos(5), false)));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<RequestSummary> byRequest = statistics.byRequest();
        assertThat(byRequest).extracting(RequestSummary::request).containsExactly(CREATE, GET);
        RequestSummary get = byRequest.get(1);
        assertThat(get.count()).isEqualTo(1000);
        assertThat(get.failures()).isEqualTo(10);
        // HdrHistogram with 3 significant digits: within 0.1 % of the value recorded at that rank
        assertThat(get.p50Millis()).isCloseTo(500, within(0.5));
        assertThat(get.p95Millis()).isCloseTo(950, within(0.95));
        assertThat(get.p99Millis()).isCloseTo(990, within(0.99));
        assertThat(get.maxMillis()).isCloseTo(1000, within(1.0));
        RequestSummary create = byRequest.get(0);
        assertThat(create.count()).isEqualTo(1000);
        assertThat(List.of(create.p50Millis(), create.p99Millis(), create.maxMillis()))
                .allSatisfy(value -> assertThat(value).isCloseTo(5, within(0.005)));
        assertThat(statistics.requests()).isEqualTo(2000);
        assertThat(statistics.failures()).isEqualTo(10);
    }

    @Test
    void droppedIterationsCountPerRequestNameAndInTotal() {
        RunStatistics statistics = new RunStatistics(List.of(CREATE, GET));

        statistics.recordDropped(GET, 3);
        statistics.recordDropped(GET, 1);
        statistics.recordDropped(CREATE, 10);

        assertThat(statistics.dropped()).isEqualTo(14);
        assertThat(statistics.byRequest()).extracting(RequestSummary::droppedIterations).containsExactly(10L, 4L);
    }

    @Test
    void aNameWithoutRequestsHasNoPercentiles() {
        RequestSummary none = new RunStatistics(List.of(GET)).byRequest().get(0);

        assertThat(none.count()).isZero();
        assertThat(none.p50Millis()).isNaN();
        assertThat(none.maxMillis()).isNaN();
    }

    @Test
    void failuresAndBatchMeansAreCountedForTheExporter() {
        RunStatistics statistics = new RunStatistics(List.of(GET));

        statistics.record(GET, new Outcome(200, 10_000_000, false));
        statistics.record(GET, new Outcome(500, 30_000_000, true));
        statistics.record(GET, new Outcome(200, 10_000_000, false));
        statistics.record(GET, new Outcome(0, 30_000_000, true));

        assertThat(statistics.takeBatch()).isEqualTo(new RunStatistics.Batch(4, 2, 20.0));
        assertThat(statistics.takeBatch()).isEqualTo(new RunStatistics.Batch(0, 0, 0));
        assertThat(statistics.failures()).isEqualTo(2);
        assertThat(statistics.byRequest().get(0).count()).isEqualTo(4);
    }

    @Test
    void aRequestNameOutsideThePlanIsRefused() {
        RunStatistics statistics = new RunStatistics(List.of(GET));

        assertThatThrownBy(() -> statistics.record("GET /persons/{id}", new Outcome(200, 1, false)))
                .hasMessageContaining("GET /persons/{id}");
    }
}
