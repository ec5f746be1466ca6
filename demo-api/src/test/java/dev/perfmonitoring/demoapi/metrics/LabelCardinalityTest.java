package dev.perfmonitoring.demoapi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.MetricsScrape;
import dev.perfmonitoring.demoapi.HttpLoad;
import dev.perfmonitoring.demoapi.PersonJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Label cardinality stays bounded: 10 000 distinct ids and 1 000 distinct unknown paths (with made-up methods and
 * oversize bodies among them) expose exactly the series that 10 of each exposed. JVM garbage-collection series are left
 * out of the comparison: a new kind of collection may appear under load, whatever the labels of requests.
 */
@QuarkusTest
class LabelCardinalityTest {

    private static final String ALL_IDS_NOT_FOUND = "http_status_code_total{code=\"404\",}";
    private static final String ALL_BODIES_TOO_LARGE = "http_status_code_total{code=\"413\",}";

    @TestHTTPResource("/")
    URI base;

    @Test
    void manyDistinctIdsAndUnknownPathsAddNoSeries() throws Exception {
        spray(10, 10, 0);
        String afterTen = MetricsScrape.exposition();

        spray(10_000, 1_000, 1);
        String afterMany = MetricsScrape.exposition();

        assertThat(requestDrivenSeries(afterMany)).containsExactlyElementsOf(requestDrivenSeries(afterTen));
        // Every request was counted all the same: ids and 3/4 of the unknown paths answer 404, the rest 413.
        assertThat(MetricsScrape.value(afterMany, ALL_IDS_NOT_FOUND) - MetricsScrape.value(afterTen, ALL_IDS_NOT_FOUND))
                .isEqualTo(10_000 + 750);
        assertThat(MetricsScrape.value(afterMany, ALL_BODIES_TOO_LARGE)
                - MetricsScrape.value(afterTen, ALL_BODIES_TOO_LARGE)).isEqualTo(250);
    }

    /** Requests to {@code ids} distinct unknown person ids and {@code paths} distinct unknown paths. */
    private void spray(int ids, int paths, int round) throws Exception {
        String oversize = PersonJson.ofSize(64 * 1024 + 1);
        try (HttpLoad load = new HttpLoad(base, 8)) {
            List<Callable<HttpLoad.Answer>> requests = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
                long id = 1_000_000_000L * (round + 1) + i;
                String method = i % 4 == 2 ? "DELETE" : "GET";
                String path = switch (i % 4) {
                    case 1 -> "/persons/" + id;
                    case 3 -> "/person/id-" + round + "-" + i;
                    default -> "/person/" + id;
                };
                requests.add(() -> load.send(method, path, null, null));
            }
            for (int i = 0; i < paths; i++) {
                String unknown = "/unknown-" + round + "-" + i;
                String method = switch (i % 4) {
                    case 1 -> "M" + i;
                    case 2 -> "POST";
                    default -> "GET";
                };
                String path = i % 4 == 3 ? "/person/" + i + unknown : unknown;
                String body = i % 4 == 2 ? oversize : null;
                requests.add(() -> load.send(method, path, body == null ? null : "application/json", body));
            }
            load.inParallel(requests);
        }
    }

    private static Set<String> requestDrivenSeries(String exposition) {
        return MetricsScrape.series(exposition).stream()
                .filter(series -> !series.startsWith("jvm_gc_"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
