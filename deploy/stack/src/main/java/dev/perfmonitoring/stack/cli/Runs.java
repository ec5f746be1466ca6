package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.UsageException;
import dev.perfmonitoring.stack.prometheus.PrometheusClient;
import dev.perfmonitoring.stack.report.RunWindow;
import java.time.Instant;

/** Finds a run the command line names, or ends the command as bad usage naming where it looked. */
final class Runs {

    private Runs() {
    }

    static RunWindow find(PrometheusClient prometheus, String option, String testid, Instant now) {
        return RunWindow.find(prometheus, testid, now).orElseThrow(() -> new UsageException(option + " " + testid
                + ": Prometheus at " + prometheus.baseUrl() + " holds no run with that testid (no k6_vus, k6_http_reqs_total"
                + " or push_time_seconds series with testid=\"" + testid + "\" in the last " + RunWindow.LOOKBACK.toDays()
                + " days)"));
    }
}
