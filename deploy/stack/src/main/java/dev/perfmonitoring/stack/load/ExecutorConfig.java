package dev.perfmonitoring.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A k6 executor with its parameters, as a k6 scenario object spells them (k6's {@code lib.ExecutorConfig}): the
 * executors the Person scenario uses.
 */
sealed interface ExecutorConfig permits SharedIterationsConfig, ConstantArrivalRateConfig {

    /** k6's default {@code gracefulStop} ({@code NewBaseConfig} in k6's {@code lib/executor/base_config.go}). */
    Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(30);

    /** The k6 name of the executor, its {@code executor} field. */
    String type();

    /** How long iterations still running when the executor's time is over may take before they are interrupted. */
    Duration gracefulStop();

    /** The VUs the runner gives the scenario from its start (k6's {@code vus_max} counts them). */
    long maxVus();

    /** The executor in words, as k6 describes it when a test starts ({@code GetDescription}). */
    String description();

    /** The executor with SCALE and RATE applied, as the k6 script applies them. */
    ExecutorConfig scaled(Scaling scaling);

    /**
     * Reads a k6 scenario object: {@code executor} and that executor's parameters, nothing else ({@code exec} aside,
     * which names the script's function and means nothing here). Every parameter but {@code gracefulStop} is
     * required: the file says each number, no k6 default stands in for a forgotten one.
     */
    static ExecutorConfig fromK6(JsonNode scenario) {
        K6Fields fields = new K6Fields(scenario);
        String type = fields.text("executor");
        ExecutorConfig config = switch (type) {
            case SharedIterationsConfig.TYPE -> new SharedIterationsConfig(fields.integer("vus"),
                    fields.integer("iterations"), fields.duration("maxDuration"), fields.gracefulStop());
            case ConstantArrivalRateConfig.TYPE -> new ConstantArrivalRateConfig(fields.integer("rate"),
                    fields.duration("timeUnit"), fields.duration("duration"), fields.count("preAllocatedVUs"),
                    fields.integer("maxVUs"), fields.gracefulStop());
            default -> throw new IllegalArgumentException("executor \"" + type + "\" is not one the runner has ("
                    + SharedIterationsConfig.TYPE + ", " + ConstantArrivalRateConfig.TYPE + ")");
        };
        fields.rejectUnread();
        return config;
    }

    /** k6 refuses executor durations under a second ({@code minDuration}, k6's lib/executor/constant_vus.go). */
    static void requireAtLeastASecond(String name, Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1s, got " + K6Duration.format(duration));
        }
    }

    static void requireNotNegative(String name, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }

    /** The fields of one scenario object, remembering which were read. */
    final class K6Fields {

        private final JsonNode node;
        private final Set<String> read = new HashSet<>(Set.of("exec"));

        private K6Fields(JsonNode node) {
            this.node = node;
        }

        String text(String name) {
            JsonNode value = required(name);
            if (!value.isTextual()) {
                throw new IllegalArgumentException(name + " must be a string, got " + value);
            }
            return value.asText();
        }

        /** A whole number of at least 1. */
        long integer(String name) {
            return wholeNumber(name, 1);
        }

        /** A whole number of at least 0. */
        long count(String name) {
            return wholeNumber(name, 0);
        }

        Duration duration(String name) {
            return K6Duration.parse(text(name));
        }

        Duration gracefulStop() {
            return node.has("gracefulStop") ? duration("gracefulStop") : DEFAULT_GRACEFUL_STOP;
        }

        void rejectUnread() {
            List<String> unknown = new ArrayList<>();
            node.fieldNames().forEachRemaining(name -> {
                if (!read.contains(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("parameters the runner does not model: " + unknown);
            }
        }

        private long wholeNumber(String name, long least) {
            JsonNode value = required(name);
            if (!value.isIntegralNumber() || value.asLong() < least) {
                throw new IllegalArgumentException(name + " must be a whole number of at least " + least + ", got "
                        + value);
            }
            return value.asLong();
        }

        private JsonNode required(String name) {
            read.add(name);
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("missing " + name);
            }
            return value;
        }
    }
}
