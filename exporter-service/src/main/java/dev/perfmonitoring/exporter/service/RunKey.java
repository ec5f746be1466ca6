package dev.perfmonitoring.exporter.service;

import java.util.regex.Pattern;

/**
 * Identifies a Pushgateway group: the configured {@code job} plus, when the load tool names its test run, a
 * {@code testid}. Run ids are restricted to a short, safe alphabet because each one becomes a label value and a URL
 * path segment.
 *
 * @param testid the run id, or {@code null} for the job-only group
 */
public record RunKey(String testid) {

    /** The group of results sent without a run id: {@code job} only, as the original exporter pushed. */
    public static final RunKey JOB_ONLY = new RunKey(null);

    public static final int MAX_TEST_ID_LENGTH = 64;
    private static final Pattern SAFE_TEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_TEST_ID_LENGTH - 1) + "}");
    static final String TEST_ID_RULE = "must be 1-" + MAX_TEST_ID_LENGTH
            + " characters of A-Z a-z 0-9 . _ -, starting with a letter or digit";

    /** A named run; {@link InvalidTestIdException} unless the id is safe. */
    public static RunKey of(String testid) {
        if (testid == null || !SAFE_TEST_ID.matcher(testid).matches()) {
            throw new InvalidTestIdException("testid: " + TEST_ID_RULE);
        }
        return new RunKey(testid);
    }

    /**
     * The run named by a request: its body field {@code testid}, header {@code X-Test-Id} or query parameter
     * {@code testid} (any of them, null when absent); when several are given they must agree.
     */
    public static RunKey fromRequest(String bodyTestId, String headerTestId, String queryTestId) {
        String chosen = null;
        for (String candidate : new String[] {bodyTestId, headerTestId, queryTestId}) {
            if (candidate == null) {
                continue;
            }
            if (chosen != null && !chosen.equals(candidate)) {
                throw new InvalidTestIdException("testid: differs between body, X-Test-Id header and query parameter");
            }
            chosen = candidate;
        }
        return chosen == null ? JOB_ONLY : of(chosen);
    }

    public boolean isRun() {
        return testid != null;
    }

    @Override
    public String toString() {
        return isRun() ? "testid=" + testid : "job-only group";
    }
}
