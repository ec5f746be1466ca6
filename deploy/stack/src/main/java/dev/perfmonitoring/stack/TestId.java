package dev.perfmonitoring.stack;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A test run's id: the {@code testid} label of every series of the run (the exporter's Pushgateway group, the load
 * generator's samples). The rule is the exporter-service's, so every id perf-stack accepts, the exporter accepts too.
 */
public final class TestId {

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** The rule in words, for error messages. */
    public static final String RULE_TEXT = "1-63 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit";

    private TestId() {
    }

    public static boolean isValid(String testid) {
        return testid != null && RULE.matcher(testid).matches();
    }

    /** {@code run-<yyyyMMdd-HHmmss>} of now, local time. */
    public static String generated() {
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
