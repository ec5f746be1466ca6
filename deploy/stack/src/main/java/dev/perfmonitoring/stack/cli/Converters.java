package dev.perfmonitoring.stack.cli;

import dev.perfmonitoring.stack.TestId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked while the command line is parsed, before anything starts (a bad one exits with code 2). */
final class Converters {

    private static final Pattern RELATIVE_TIME = Pattern.compile("now(?:-(\\S+))?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Converters() {
    }

    /** A whole, positive number of seconds, e.g. {@code 60}. */
    static final class WholeSeconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double seconds = positive(value);
            if (seconds != Math.rint(seconds)) {
                throw new TypeConversionException("needs a whole number of seconds, got '" + value + "'");
            }
            return Duration.ofSeconds((long) seconds);
        }
    }

    /** A positive, finite number, e.g. {@code 0.5}. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return positive(value);
        }
    }

    /** A number of zero or more, e.g. {@code 5}. */
    static final class NonNegativeNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double number = Double.parseDouble(value);
                if (number >= 0 && !Double.isInfinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("needs a number of zero or more, got '" + value + "'");
        }
    }

    /** A Prometheus-style duration, e.g. {@code 15d} or {@code 36h}. */
    static final class PrometheusDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = duration(value, value);
            if (duration.isZero()) {
                throw new TypeConversionException("needs a duration above zero, got '" + value + "'");
            }
            return duration;
        }
    }

    /** A ratio between 0 and 1, e.g. {@code 0.01}. */
    static final class Ratio implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double number = Double.parseDouble(value);
                if (number >= 0 && number <= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("needs a ratio between 0 and 1, got '" + value + "'");
        }
    }

    /** A test run id ({@link TestId}). */
    static final class TestIdValue implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!TestId.isValid(value)) {
                throw new TypeConversionException("needs " + TestId.RULE_TEXT + ", got '" + value + "'");
            }
            return value;
        }
    }

    /** A test run id, or nothing. */
    static final class TestIdOrEmpty implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return value.isEmpty() ? value : new TestIdValue().convert(value);
        }
    }

    /** An http(s) base URL; a trailing slash is dropped. */
    static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            try {
                URI url = URI.create(trimmed);
                if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                    return url;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new TypeConversionException("needs an http(s) URL like http://127.0.0.1:9090, got '" + value + "'");
        }
    }

    /** A file that exists. */
    static final class ExistingFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path file = Path.of(value).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new TypeConversionException("no file " + file);
            }
            return file;
        }
    }

    /**
     * An instant: {@code now}, {@code now-15m} (units ms s m h d, combinable: {@code now-1h30m}), an ISO-8601 instant
     * ({@code 2026-12-02T10:00:00Z}) or Unix seconds.
     */
    static final class Time implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Matcher relative = RELATIVE_TIME.matcher(value);
            if (relative.matches()) {
                return relative.group(1) == null ? Instant.now() : Instant.now().minus(duration(relative.group(1), value));
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notIso) {
                try {
                    return Instant.ofEpochMilli(Math.round(Double.parseDouble(value) * 1000));
                } catch (NumberFormatException notSeconds) {
                    throw new TypeConversionException("needs now, now-15m, an ISO-8601 instant like"
                            + " 2026-12-02T10:00:00Z or Unix seconds, got '" + value + "'");
                }
            }
        }
    }

    /** A Prometheus-style duration, e.g. {@code 90s}, {@code 1h30m}. */
    static Duration duration(String text, String whole) {
        Matcher part = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.lookingAt()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = part.end();
            part.region(end, text.length());
        }
        if (end == 0 || end != text.length()) {
            throw new TypeConversionException("needs a duration like 15m or 1h30m, got '" + whole + "'");
        }
        return total;
    }

    private static double positive(String value) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && !Double.isInfinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("needs a positive number, got '" + value + "'");
    }
}
