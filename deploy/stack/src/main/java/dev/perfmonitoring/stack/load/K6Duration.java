package dev.perfmonitoring.stack.load;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k6's duration strings as the scenario file writes them ({@code "10m"}, {@code "1m30s"}, {@code "500ms"}: Go's
 * {@code time.ParseDuration} units from milliseconds to hours), and back as whole seconds, the form the k6 script
 * gives scaled durations.
 */
final class K6Duration {

    private static final Pattern WHOLE = Pattern.compile("(\\d+(\\.\\d+)?(h|ms|m|s))+");
    private static final Pattern PART = Pattern.compile("(?<amount>\\d+(?:\\.\\d+)?)(?<unit>h|ms|m|s)");
    private static final Map<String, Duration> UNITS = Map.of("h", Duration.ofHours(1), "m", Duration.ofMinutes(1),
            "s", Duration.ofSeconds(1), "ms", Duration.ofMillis(1));

    private K6Duration() {
    }

    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a k6 duration (such as 10m, 1m30s, 500ms)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            BigDecimal nanos = new BigDecimal(part.group("amount"))
                    .multiply(BigDecimal.valueOf(UNITS.get(part.group("unit")).toNanos()));
            total = total.plusNanos(nanos.longValue());
        }
        return total;
    }

    /** The duration as k6 accepts it; whole seconds as {@code "<n>s"}. */
    static String format(Duration duration) {
        if (duration.toNanosPart() == 0) {
            return duration.toSeconds() + "s";
        }
        return BigDecimal.valueOf(duration.toNanos(), 6).stripTrailingZeros().toPlainString() + "ms";
    }

    /** The duration in seconds as a double, the unit the k6 script scales. */
    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
