package dev.perfmonitoring.exposer.metrics;

import java.util.List;
import java.util.stream.IntStream;

/** The values of a metric's varying label: {@code shop-1}, {@code shop-2}, ... zero-padded so they sort. */
final class LabelValues {

    private LabelValues() {
    }

    static List<String> numbered(String prefix, int count) {
        String format = prefix + "-%0" + String.valueOf(count).length() + "d";
        return IntStream.rangeClosed(1, count).mapToObj(number -> String.format(format, number)).toList();
    }
}
