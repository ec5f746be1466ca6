package dev.perfmonitoring.stack.prometheus;

import java.util.List;
import java.util.regex.Pattern;

/** Picks sample lines out of a Prometheus text exposition, for exact assertions. */
public final class ExpositionLines {

    private ExpositionLines() {
    }

    /**
     * Sample lines of {@code metricName} (and its {@code _bucket}, {@code _count}, {@code _sum}, {@code _created}
     * series), comments excluded, in exposition order.
     */
    public static List<String> samples(String exposition, String metricName) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metricName) + "(_bucket|_count|_sum|_created)?[{ ].*");
        return exposition.lines().filter(line -> sample.matcher(line).matches()).toList();
    }
}
