package dev.perfmonitoring.stack.load;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Options of {@code load-runner run}.
 *
 * @param baseUrl          demo-api's base URL
 * @param exporterUrl      the exporter-service's base URL; batches are reported there when present
 * @param prometheusUrl    Prometheus's base URL; the progress line shows the current p95 from it when present
 * @param duration         how long the scenarios run (the seed's scenarios last 10 minutes)
 * @param rate             multiplies every arrival rate and iteration count (1 = the seed's numbers)
 * @param testid           the run id: tags the batches on the exporter (its Pushgateway group)
 * @param batchInterval    how often a batch is reported to the exporter
 * @param progressInterval how often the progress line is printed
 */
public record RunOptions(URI baseUrl, Optional<URI> exporterUrl, Optional<URI> prometheusUrl, Duration duration,
        double rate, String testid, Duration batchInterval, Duration progressInterval) {

    private static final Pattern TESTID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public RunOptions {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration.toSeconds());
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a positive number, got " + rate);
        }
        if (!TESTID.matcher(testid).matches()) {
            throw new IllegalArgumentException("--testid must match " + TESTID.pattern() + ", got '" + testid + "'");
        }
    }

    /** Parses {@code --name value} pairs; unknown names and missing values are errors. */
    public static RunOptions parse(String... args) {
        URI baseUrl = URI.create("http://127.0.0.1:7080");
        Optional<URI> exporterUrl = Optional.empty();
        Optional<URI> prometheusUrl = Optional.empty();
        Duration duration = Duration.ofMinutes(10);
        double rate = 1.0;
        String testid = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Duration batchInterval = Duration.ofSeconds(5);
        Duration progressInterval = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--base-url" -> baseUrl = url(name, value);
                case "--exporter-url" -> exporterUrl = Optional.of(url(name, value));
                case "--prometheus-url" -> prometheusUrl = Optional.of(url(name, value));
                case "--duration" -> duration = Duration.ofSeconds(number(name, value).longValue());
                case "--rate" -> rate = number(name, value).doubleValue();
                case "--testid" -> testid = value;
                case "--batch-interval" -> batchInterval = Duration.ofSeconds(number(name, value).longValue());
                case "--progress-interval" -> progressInterval = Duration.ofSeconds(number(name, value).longValue());
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new RunOptions(baseUrl, exporterUrl, prometheusUrl, duration, rate, testid, batchInterval,
                progressInterval);
    }

    private static URI url(String name, String value) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, got '" + value + "'");
        }
        return URI.create(trimmed);
    }

    private static Number number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
