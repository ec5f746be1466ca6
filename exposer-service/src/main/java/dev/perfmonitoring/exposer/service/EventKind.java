package dev.perfmonitoring.exposer.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What {@code POST /events/{kind}} can trigger, with the one query parameter each kind takes (if any). */
public enum EventKind {

    /** {@code count} orders at once with the usual mix of outcomes: a spike in rate(). */
    ORDER_BURST("order-burst", "count"),
    /** {@code count} failed orders at once: the error ratio jumps. */
    FAILURE_BURST("failure-burst", "count"),
    /** Request durations multiplied by the spike factor for {@code seconds} of simulated time: p99 and SLO burn. */
    LATENCY_SPIKE("latency-spike", "seconds"),
    /** A new revision: build info changes and counters restart at 0, as after a real restart. */
    DEPLOY("deploy", null);

    private final String pathName;
    private final String parameter;

    EventKind(String pathName, String parameter) {
        this.pathName = pathName;
        this.parameter = parameter;
    }

    public String pathName() {
        return pathName;
    }

    /** The query parameter this kind takes, if any. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    public static Optional<EventKind> fromPathName(String pathName) {
        return Arrays.stream(values()).filter(kind -> kind.pathName.equals(pathName)).findFirst();
    }

    public static List<String> pathNames() {
        return Arrays.stream(values()).map(EventKind::pathName).toList();
    }
}
