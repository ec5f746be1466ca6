package dev.perfmonitoring.verification.k6;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * A k6 run of the Person script whose every request is known: 100 000 requests in 600 s, 10 of them failed (HTTP 500:
 * 6 creates, 4 updates), expected 404s for random ids, log-normal latencies per request name with a late 20 s spike of
 * GET /person/{id} (540 s to 560 s), 25 dropped iterations of the get scenario during the spike, 72 VUs while create
 * runs and 22 after. It yields the samples k6 emits for them, tagged as k6 tags them, to feed a {@link K6Output}; and
 * the truth to check what Prometheus answers against. Its {@link #baseline} is the same run 20 % faster and without
 * failures, for comparisons.
 *
 * <p>Where the samples and tags come from (k6 2.2.0): per request {@code Trail.SaveSamples}
 * ({@code lib/netext/httpext/tracer.go}: http_reqs 1, http_req_duration = sending + waiting + receiving,
 * http_req_blocked, _connecting, _tls_handshaking, _sending, _waiting, _receiving) plus http_req_failed when a
 * response callback is set, which k6 sets by default ({@code transport.measureAndEmitMetrics} in
 * {@code transport.go}); their tags: the VU's tags (run tags, {@code scenario}, {@code group} "" at the root), then
 * {@code name} (the script's), {@code url} = the name when the script names the request, {@code method},
 * {@code status}, {@code proto}, {@code error_code} 1000 + status for statuses of 400 and above, and
 * {@code expected_response}. Per iteration: iterations and iteration_duration, data_sent and data_received with the VU's
 * tags, and a checks sample per check with the {@code check} tag ({@code js/modules/k6/k6.go}). vus and vus_max every
 * second with the run tags only ({@code Scheduler.emitVUsAndVUsMax}, {@code internal/execution/scheduler.go});
 * dropped_iterations with the run tags and {@code scenario} ({@code lib/executor/constant_arrival_rate.go}). Run tags:
 * {@code testid} (--tag) and, with the native-histograms feature on, {@code k6_feature_native_histograms="true"}
 * ({@code Flags.Tags} in {@code internal/features/features.go}, applied by {@code applyFeatureRunTags}).
 */
public final class KnownK6Run {

    public static final long DURATION_MILLIS = 600_000;
    static final long PUSH_INTERVAL_MILLIS = 5_000;
    static final long SPIKE_START_MILLIS = 540_000;
    static final long SPIKE_END_MILLIS = 560_000;
    static final int DROPPED = 25;
    static final int VUS_WHILE_CREATING = 72;
    static final int VUS_AFTER_CREATING = 22;
    /** What {@link #baseline} multiplies every latency by: the run is 25 % slower than its baseline. */
    static final double BASELINE_LATENCY_FACTOR = 0.8;

    /** A request of the run: when it ended, its scenario, name, status, whether k6 counts it failed, its duration. */
    record Request(long atMillis, String scenario, String name, int status, boolean failed, double durationMillis,
            String check, int indexInScenario) {
    }

    /** A scenario of the run (names, requests and checks as in person-api.js). */
    private record Scenario(String name, String request, int count, long endMillis, double medianMillis, int okStatus,
            LongPredicate notFound, long[] failedIndexes, String check) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("create", "POST /person", 30_000, 300_000, 60, 201, i -> false,
                    new long[] {1_000, 5_000, 9_000, 14_000, 20_000, 27_000}, "person created (201)"),
            new Scenario("update", "PUT /person/{id}", 6_000, 120_000, 50, 200, i -> i % 7 == 3,
                    new long[] {500, 2_000, 3_500, 5_500}, "person updated or unknown (200/404)"),
            new Scenario("delete", "DELETE /person/{id}", 4_000, DURATION_MILLIS, 150, 204, i -> i % 4 == 1,
                    new long[0], "person deleted or unknown (204/404)"),
            new Scenario("get", "GET /person/{id}", 40_000, DURATION_MILLIS, 40, 200, i -> i % 10 == 3,
                    new long[0], "person found or unknown (200/404)"),
            new Scenario("list", "GET /person/list", 20_000, DURATION_MILLIS, 80, 200, i -> false,
                    new long[0], "list answered (200)"));
    private static final double SIGMA = 0.5;
    private static final double SPIKE_MEDIAN_MILLIS = 300;

    private final String testid;
    private final List<Request> requests = new ArrayList<>();

    KnownK6Run(String testid) {
        this(testid, 1, true);
    }

    /**
     * The run with every latency multiplied by {@code latencyFactor} (the same random draws, so every quantile scales
     * exactly) and, without {@code failures}, none of the 10 failed requests (they answer as the others do).
     */
    private KnownK6Run(String testid, double latencyFactor, boolean failures) {
        this.testid = testid;
        for (Scenario scenario : SCENARIOS) {
            SplittableRandom random = new SplittableRandom(scenario.name().hashCode());
            for (int i = 0; i < scenario.count(); i++) {
                long at = (long) ((i + 0.5) * scenario.endMillis() / scenario.count());
                double median = scenario.name().equals("get") && at >= SPIKE_START_MILLIS && at < SPIKE_END_MILLIS
                        ? SPIKE_MEDIAN_MILLIS : scenario.medianMillis();
                double duration = latencyFactor * median * Math.exp(SIGMA * gaussian(random));
                boolean failed = failures && contains(scenario.failedIndexes(), i);
                int status = failed ? 500 : scenario.notFound().test(i) ? 404 : scenario.okStatus();
                requests.add(new Request(at, scenario.name(), scenario.request(), status, failed, duration,
                        scenario.check(), i));
            }
        }
        requests.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
    }

    /** A baseline of the run: the same run with every latency times {@value #BASELINE_LATENCY_FACTOR}, none failed. */
    static KnownK6Run baseline(String testid) {
        return new KnownK6Run(testid, BASELINE_LATENCY_FACTOR, false);
    }

    String testid() {
        return testid;
    }

    /**
     * Sends the whole run to a remote-write endpoint as k6 would (every flush, then the stale markers), the run
     * starting at {@code startMillis}; for tests that need k6's data beside other data.
     */
    public static void sendAsK6(URI remoteWrite, String testid, long startMillis) throws Exception {
        K6Output output = new K6Output();
        K6RemoteWriteClient writer = new K6RemoteWriteClient(remoteWrite);
        new KnownK6Run(testid).emit(startMillis, output, (flushAt, series) -> writer.store(series));
        writer.store(output.staleMarkers(startMillis + DURATION_MILLIS));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The request names, in the scenario order. */
    static List<String> requestNames() {
        return SCENARIOS.stream().map(Scenario::request).toList();
    }

    /**
     * Feeds every sample k6 emits in the run into {@code output}, flushing every push interval into
     * {@code flushes} (the relative time of the flush, the series it sends); the run started at {@code startMillis}.
     */
    void emit(long startMillis, K6Output output, FlushSink flushes) throws Exception {
        Map<String, String> runTags = Map.of("testid", testid, "k6_feature_native_histograms", "true");
        int next = 0;
        int dropped = 0;
        for (long flushAt = PUSH_INTERVAL_MILLIS; flushAt <= DURATION_MILLIS; flushAt += PUSH_INTERVAL_MILLIS) {
            for (long second = flushAt - PUSH_INTERVAL_MILLIS + 500; second < flushAt; second += 1_000) {
                output.add(K6Metric.VUS, runTags, second < 300_000 ? VUS_WHILE_CREATING : VUS_AFTER_CREATING,
                        startMillis + second);
                output.add(K6Metric.VUS_MAX, runTags, VUS_WHILE_CREATING, startMillis + second);
            }
            while (next < requests.size() && requests.get(next).atMillis() < flushAt) {
                emitRequest(requests.get(next), startMillis, runTags, output);
                next++;
            }
            for (; dropped < DROPPED && droppedAt(dropped) < flushAt; dropped++) {
                Map<String, String> tags = new HashMap<>(runTags);
                tags.put("scenario", "get");
                output.add(K6Metric.DROPPED_ITERATIONS, tags, 1, startMillis + droppedAt(dropped));
            }
            flushes.accept(flushAt, output.flush());
        }
    }

    /**
     * Feeds the same run as two runners of the k6-operator's TestRun {@code testRun} would, each k6 process into its
     * own output ({@code outputs}: runner 1's, runner 2's), each flush of each runner into {@code flushes}. Each runner
     * tags its samples with the operator's {@code --tag instance_id=<n> --tag testrun_name=<name>}
     * ({@code pkg/resources/jobs/runner.go}, v1.6.0) besides the run tags, and runs the share k6 gives segments 0:1/2
     * and 1/2:1 of the Person scenario ({@code K6ScriptSegmentsTest}, deploy/stack): create, delete and get half each,
     * update and list 3 to 2 (their VUs 3 and 2), so {@value #VUS_WHILE_CREATING} VUs are 37 + 35 while create runs and
     * {@value #VUS_AFTER_CREATING} are 12 + 10 after; runner 1 drops the dropped iterations.
     */
    void emitAsTwoRunners(long startMillis, String testRun, List<K6Output> outputs, FlushSink flushes)
            throws Exception {
        List<Map<String, String>> runTags = new ArrayList<>();
        for (int runner = 1; runner <= 2; runner++) {
            runTags.add(Map.of("testid", testid, "k6_feature_native_histograms", "true",
                    "instance_id", Integer.toString(runner), "testrun_name", testRun));
        }
        int[][] vus = {{37, 12}, {35, 10}};
        int next = 0;
        int dropped = 0;
        for (long flushAt = PUSH_INTERVAL_MILLIS; flushAt <= DURATION_MILLIS; flushAt += PUSH_INTERVAL_MILLIS) {
            for (int runner = 0; runner < 2; runner++) {
                for (long second = flushAt - PUSH_INTERVAL_MILLIS + 500; second < flushAt; second += 1_000) {
                    outputs.get(runner).add(K6Metric.VUS, runTags.get(runner), vus[runner][second < 300_000 ? 0 : 1],
                            startMillis + second);
                    outputs.get(runner).add(K6Metric.VUS_MAX, runTags.get(runner), vus[runner][0],
                            startMillis + second);
                }
            }
            while (next < requests.size() && requests.get(next).atMillis() < flushAt) {
                Request request = requests.get(next);
                int runner = runnerOf(request);
                emitRequest(request, startMillis, runTags.get(runner), outputs.get(runner));
                next++;
            }
            for (; dropped < DROPPED && droppedAt(dropped) < flushAt; dropped++) {
                Map<String, String> tags = new HashMap<>(runTags.get(0));
                tags.put("scenario", "get");
                outputs.get(0).add(K6Metric.DROPPED_ITERATIONS, tags, 1, startMillis + droppedAt(dropped));
            }
            for (K6Output output : outputs) {
                flushes.accept(flushAt, output.flush());
            }
        }
    }

    /** Which of two runners (0 or 1) makes a request: update and list 3 in 5 on the first, the others every other. */
    static int runnerOf(Request request) {
        return switch (request.scenario()) {
            case "update", "list" -> request.indexInScenario() % 5 < 3 ? 0 : 1;
            default -> request.indexInScenario() % 2;
        };
    }

    /** Receives what a flush sends. */
    @FunctionalInterface
    interface FlushSink {
        void accept(long atMillis, List<K6Output.Series> series) throws Exception;
    }

    /** When the n-th dropped iteration happened: every half second from 545 s. */
    static long droppedAt(int n) {
        return 545_000 + 500L * n;
    }

    private static void emitRequest(Request request, long startMillis, Map<String, String> runTags, K6Output output) {
        long at = startMillis + request.atMillis();
        Map<String, String> vuTags = new LinkedHashMap<>(runTags);
        vuTags.put("scenario", request.scenario());
        vuTags.put("group", "");
        Map<String, String> http = new LinkedHashMap<>(vuTags);
        http.put("name", request.name());
        http.put("url", request.name());
        http.put("method", request.name().substring(0, request.name().indexOf(' ')));
        http.put("status", Integer.toString(request.status()));
        http.put("proto", "HTTP/1.1");
        if (request.status() >= 400) {
            http.put("error_code", Integer.toString(1000 + request.status()));
        }
        http.put("expected_response", Boolean.toString(!request.failed()));
        double sending = 0.02;
        double receiving = 0.03;
        output.add(K6Metric.HTTP_REQS, http, 1, at);
        output.add(K6Metric.HTTP_REQ_DURATION, http, request.durationMillis(), at);
        output.add(K6Metric.HTTP_REQ_BLOCKED, http, 0, at);
        output.add(K6Metric.HTTP_REQ_CONNECTING, http, 0, at);
        output.add(K6Metric.HTTP_REQ_TLS_HANDSHAKING, http, 0, at);
        output.add(K6Metric.HTTP_REQ_SENDING, http, sending, at);
        output.add(K6Metric.HTTP_REQ_WAITING, http, Math.max(0, request.durationMillis() - sending - receiving), at);
        output.add(K6Metric.HTTP_REQ_RECEIVING, http, receiving, at);
        output.add(K6Metric.HTTP_REQ_FAILED, http, request.failed() ? 1 : 0, at);
        Map<String, String> check = new LinkedHashMap<>(vuTags);
        check.put("check", request.check());
        output.add(K6Metric.CHECKS, check, request.failed() ? 0 : 1, at);
        output.add(K6Metric.DATA_SENT, vuTags, 180, at);
        output.add(K6Metric.DATA_RECEIVED, vuTags, 320, at);
        output.add(K6Metric.ITERATIONS, vuTags, 1, at);
        output.add(K6Metric.ITERATION_DURATION, vuTags, request.durationMillis() + 0.1, at);
    }

    /** Durations (ms) of the requests of a name that ended in [fromMillis, toMillis) of the run, sorted. */
    double[] durations(String name, long fromMillis, long toMillis) {
        return requests.stream().filter(request -> request.name().equals(name))
                .filter(request -> request.atMillis() >= fromMillis && request.atMillis() < toMillis)
                .mapToDouble(Request::durationMillis).sorted().toArray();
    }

    /** The q-quantile by nearest rank: the value at rank ceil(q * n), in the bucket histogram_quantile interpolates in. */
    static double nearestRank(double[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    /** k6's p(q) of a trend ({@code TrendSink.P} in {@code metrics/sink.go}): linear between the closest ranks. */
    static double k6Percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    private static boolean contains(long[] indexes, long index) {
        return Arrays.stream(indexes).anyMatch(candidate -> candidate == index);
    }

    /** A standard normal number (Box-Muller), deterministic for a seeded generator. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
