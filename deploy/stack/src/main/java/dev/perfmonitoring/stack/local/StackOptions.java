package dev.perfmonitoring.stack.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code deploy/local/run.sh} ({@code local-stack run}).
 *
 * @param duration       how long the Person scenario runs
 * @param rate           multiplies the scenario's rates and iteration counts
 * @param testid         the run id
 * @param keepRunning    keep the stack up after the report until Ctrl-C
 * @param thresholds     SLO threshold overrides
 * @param maxErrorRatio  the largest 5xx share that still passes
 * @param valuesFiles    extra chart values files
 * @param workDir        where logs and generated files go
 */
public record StackOptions(Duration duration, double rate, String testid, boolean keepRunning, SloThresholds thresholds,
        double maxErrorRatio, List<Path> valuesFiles, Path workDir) {

    public static final String USAGE = """
            usage: deploy/local/run.sh [--duration SECONDS] [--rate FACTOR] [--testid ID] [--keep-running]
                                       [--slo 'METHOD PATH=SECONDS']... [--slo-all SECONDS]
                                       [--max-error-ratio RATIO] [--values FILE]... [--work-dir DIR]
              --duration SECONDS      how long the Person scenario runs (default 60; the seed's full run is 600)
              --rate FACTOR           multiplies every scenario's rate and iteration count (default 1)
              --testid ID             run id on the exporter's Pushgateway group (default run-<date>-<time>)
              --keep-running          keep everything up after the report, until Ctrl-C
              --slo 'GET /person/{id}=0.5'  latency SLO threshold of one endpoint (a demo-api histogram bucket)
              --slo-all SECONDS       the same threshold for every endpoint
              --max-error-ratio R     largest share of 5xx responses that passes (default 0.01)
              --values FILE           extra values for the chart the rules and dashboards are rendered from
              --work-dir DIR          logs, rule file, dashboards, Prometheus data (default deploy/local/target/stack)
            ports: PUSHGATEWAY_PORT (9091) DEMO_API_PORT (7080) EXPORTER_PORT (8000) EXPOSER_PORT (8001)
                   PROMETHEUS_PORT (9090) GRAFANA_PORT (3000)
            exit: 0 every SLO met, 1 an SLO failed, 2 bad usage, 3 the stack did not start""";

    public static StackOptions parse(Path repository, String... args) {
        Duration duration = Duration.ofSeconds(60);
        double rate = 1;
        String testid = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        boolean keepRunning = false;
        SloThresholds thresholds = new SloThresholds();
        double maxErrorRatio = 0.01;
        List<Path> valuesFiles = new ArrayList<>();
        Path workDir = repository.resolve("deploy/local/target/stack");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep-running")) {
                keepRunning = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unexpected '" + name + "'");
            }
            String value = args[++i];
            switch (name) {
                case "--duration" -> duration = Duration.ofSeconds(positiveWhole(name, value));
                case "--rate" -> rate = positive(name, value);
                case "--testid" -> testid = value;
                case "--slo" -> thresholds.endpoint(value);
                case "--slo-all" -> thresholds.all(value);
                case "--max-error-ratio" -> maxErrorRatio = ratio(name, value);
                case "--values" -> valuesFiles.add(existing(name, value));
                case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new StackOptions(duration, rate, testid, keepRunning, thresholds, maxErrorRatio, List.copyOf(valuesFiles),
                workDir);
    }

    private static long positiveWhole(String name, String value) {
        double number = positive(name, value);
        if (number != Math.rint(number)) {
            throw new IllegalArgumentException(name + " needs a whole number of seconds, got '" + value + "'");
        }
        return (long) number;
    }

    private static double positive(String name, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && !Double.isInfinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive number, got '" + value + "'");
    }

    private static double ratio(String name, String value) {
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a ratio between 0 and 1, got '" + value + "'");
    }

    private static Path existing(String name, String value) {
        Path file = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + ": no file " + file);
        }
        return file;
    }
}
