package dev.perfmonitoring.stack.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run of a small scenario file against a stand-in demo-api whose delays the test sets: every scenario runs
 * with its executor, the client-side percentiles per request name reflect the delays, dropped iterations are counted,
 * the batches reach the exporter and the end-of-run table names every request.
 */
class LoadRunTest {

    private static final String SCENARIOS = """
            {
              "description": "two seconds of three scenarios",
              "nominalDuration": "2s",
              "idRange": {"iterationsOf": "create"},
              "listPageSize": 7,
              "scenarios": {
                "create": {"request": "POST /person", "executor": "shared-iterations",
                           "vus": 4, "iterations": 40, "maxDuration": "2s"},
                "get": {"request": "GET /person/{id}", "executor": "constant-arrival-rate",
                        "rate": 20, "timeUnit": "1s", "duration": "2s", "preAllocatedVUs": 4, "maxVUs": 4},
                "list": {"request": "GET /person/list", "executor": "constant-arrival-rate",
                         "rate": 10, "timeUnit": "1s", "duration": "2s", "preAllocatedVUs": 1, "maxVUs": 1}
              }
            }
            """;

    private final List<String> exporterCalls = new CopyOnWriteArrayList<>();
    private PersonApiStub demoApi;
    private HttpServer exporter;

    @BeforeEach
    void startTargets() throws IOException {
        demoApi = PersonApiStub.start()
                .answer("POST /person", 201, Duration.ofMillis(20))
                .answer("GET /person/{id}", 404, Duration.ofMillis(60))
                .answer("GET /person/list", 200, Duration.ofMillis(700));
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/", exchange -> {
            exporterCalls.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        exporter.start();
    }

    @AfterEach
    void stopTargets() {
        demoApi.close();
        exporter.stop(0);
    }

    @Test
    void runsEveryScenarioAndReportsWhatTheClientSawPerRequestName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("scenarios.json"), SCENARIOS);
        RunOptions options = new RunOptions(demoApi.url(),
                Optional.of(URI.create("http://127.0.0.1:" + exporter.getAddress().getPort())), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(2), 1, "t-1", Duration.ofSeconds(1), Duration.ofSeconds(1));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        LoadRun.Summary summary = new LoadRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8),
                ScenarioFile.read(file)).execute();

        Map<String, RequestSummary> byRequest = summary.byRequest().stream()
                .collect(Collectors.toMap(RequestSummary::request, Function.identity()));
        assertThat(summary.byRequest()).extracting(RequestSummary::request)
                .containsExactly("POST /person", "GET /person/{id}", "GET /person/list");
        RequestSummary create = byRequest.get("POST /person");
        RequestSummary get = byRequest.get("GET /person/{id}");
        RequestSummary list = byRequest.get("GET /person/list");
        // shared iterations: all 40 creates (4 VUs at 20 ms each need about 0.2 s of the 2 s)
        assertThat(create.count()).isEqualTo(40);
        assertThat(create.failures()).isZero();
        // a 404 of a random id is expected; 20/s on 4 VUs busy 60 ms each: no more than 40 starts
        assertThat(get.count()).isBetween(10L, 40L);
        assertThat(get.failures()).isZero();
        // one VU busy 700 ms per list: at most 3 of the 20 starts, the others dropped
        assertThat(list.count()).isBetween(1L, 3L);
        assertThat(list.droppedIterations()).isGreaterThanOrEqualTo(2);
        // client-side latencies: never below what the stand-in waited, and each name its own histogram
        assertThat(create.p50Millis()).isGreaterThanOrEqualTo(20);
        assertThat(get.p50Millis()).isGreaterThanOrEqualTo(60);
        assertThat(list.p50Millis()).isGreaterThanOrEqualTo(700);
        assertThat(create.p50Millis()).isLessThan(list.p50Millis());
        assertThat(List.of(create, get, list)).allSatisfy(request -> assertThat(request.p50Millis())
                .isLessThanOrEqualTo(request.p95Millis()).isLessThanOrEqualTo(request.p99Millis())
                .isLessThanOrEqualTo(request.maxMillis()));
        assertThat(summary.requests()).isEqualTo(create.count() + get.count() + list.count());
        assertThat(summary.dropped()).isEqualTo(list.droppedIterations() + get.droppedIterations());
        assertThat(summary.failures()).isZero();

        // the file's id range (the 40 creates) and list page size
        Pattern id = Pattern.compile("GET /person/(\\d+)");
        for (String request : demoApi.requests()) {
            Matcher matcher = id.matcher(request);
            if (matcher.matches()) {
                assertThat(Long.parseLong(matcher.group(1))).isBetween(1L, 40L);
            }
        }
        assertThat(demoApi.requests()).filteredOn(request -> request.startsWith("GET /person/list"))
                .allMatch(request -> request.matches("GET /person/list\\?start=\\d+&limit=7"));

        // the exporter got every request in its batches
        assertThat(summary.reportedToExporter()).isEqualTo(summary.requests());
        assertThat(exporterCalls).anyMatch(call -> call.startsWith("/addBatchWise "))
                .anyMatch(call -> call.startsWith("/updateTime "));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("create  POST /person: 40 iterations shared among 4 VUs (maxDuration: 2s");
        assertThat(output)
                .containsPattern("(?m)^REQUEST\\s+CALLS\\s+FAILED\\s+DROPPED\\s+P50 ms\\s+P95 ms\\s+P99 ms\\s+MAX ms$")
                .containsPattern("(?m)^POST /person\\s+40\\s+0\\s+0\\s+\\d+\\.\\d")
                .containsPattern("(?m)^GET /person/list\\s+" + list.count() + "\\s+0\\s+" + list.droppedIterations()
                        + "\\s")
                .containsPattern("(?m)^total\\s+" + summary.requests() + "\\s+0\\s+" + summary.dropped() + "\\s*$");
    }
}
