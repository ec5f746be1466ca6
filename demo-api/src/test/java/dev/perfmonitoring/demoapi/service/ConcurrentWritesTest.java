package dev.perfmonitoring.demoapi.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfmonitoring.demoapi.MetricsScrape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfmonitoring.demoapi.HttpLoad;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * 32 threads create 20 000 persons and delete every tenth while the others still create: afterwards the store count,
 * the list and the counters agree exactly. Figures are compared with those before the run, so other tests sharing the
 * application do not matter.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int THREADS = 32;
    private static final int CREATES = 20_000;
    private static final int DELETES = CREATES / 10;
    private static final String CREATED_201 = "http_requests_total{code=\"201\",method=\"POST\",path=\"/person\",}";
    private static final String DELETED_204 = "http_requests_total{code=\"204\",method=\"DELETE\",path=\"/person/{id}\",}";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/person")
    URI personUri;

    @Test
    void storeCountListAndCountersAgreeAfterConcurrentCreatesAndDeletes() throws Exception {
        String before = MetricsScrape.exposition();
        Set<Long> idsBefore = new HashSet<>(allListedIds());

        List<Long> created;
        try (HttpLoad load = new HttpLoad(personUri, THREADS)) {
            List<Callable<Long>> writes = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                boolean deleteAfterwards = i % 10 == 0;
                writes.add(() -> createAndMaybeDelete(load, deleteAfterwards));
            }
            created = load.inParallel(writes);
        }

        String after = MetricsScrape.exposition();
        List<Long> listed = allListedIds();
        Set<Long> deleted = new HashSet<>();
        for (int i = 0; i < CREATES; i += 10) {
            deleted.add(created.get(i));
        }
        assertThat(new HashSet<>(created)).as("distinct ids").hasSize(CREATES);
        assertThat(delta(before, after, "person_created_total")).isEqualTo(CREATES);
        assertThat(delta(before, after, "person_deleted_total")).isEqualTo(DELETES);
        assertThat(delta(before, after, CREATED_201)).isEqualTo(CREATES);
        assertThat(delta(before, after, DELETED_204)).isEqualTo(DELETES);
        assertThat(delta(before, after, "person_store_count")).isEqualTo(CREATES - DELETES);
        int total = given().get("/person/list?limit=1").then().statusCode(200).extract().path("total");
        assertThat(total).isEqualTo((int) MetricsScrape.value(after, "person_store_count"));
        assertThat(listed).hasSize(total).isSorted().doesNotHaveDuplicates();
        Set<Long> expected = new HashSet<>(idsBefore);
        created.stream().filter(id -> !deleted.contains(id)).forEach(expected::add);
        assertThat(new HashSet<>(listed)).isEqualTo(expected);
    }

    private static long createAndMaybeDelete(HttpLoad load, boolean delete) throws Exception {
        HttpLoad.Answer creation = load.send("POST", "/person", "application/json",
                "{\"first_name\": \"Con\", \"last_name\": \"Current\"}");
        assertThat(creation.status()).as(creation.toString()).isEqualTo(201);
        long id = JSON.readTree(creation.body()).get("id").asLong();
        if (delete) {
            assertThat(load.send("DELETE", "/person/" + id, null, null).status()).isEqualTo(204);
        }
        return id;
    }

    /** Every id in the list, page after page of 100. */
    private List<Long> allListedIds() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (HttpLoad load = new HttpLoad(personUri, 1)) {
            while (true) {
                HttpLoad.Answer page = load.send("GET", "/person/list?limit=100&start=" + ids.size(), null, null);
                assertThat(page.status()).isEqualTo(200);
                JsonNode persons = JSON.readTree(page.body()).get("persons");
                if (persons.isEmpty()) {
                    return ids;
                }
                persons.forEach(person -> ids.add(person.get("id").asLong()));
            }
        }
    }

    private static double delta(String before, String after, String series) {
        return MetricsScrape.count(after, series) - MetricsScrape.count(before, series);
    }
}
