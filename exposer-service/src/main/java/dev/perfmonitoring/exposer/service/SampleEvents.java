package dev.perfmonitoring.exposer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;

/** Triggers events by hand: checks that the kind exists and takes the parameters given, then applies it. */
@ApplicationScoped
public class SampleEvents {

    static final int DEFAULT_COUNT = 100;
    static final int DEFAULT_SECONDS = 60;

    private final SampleGenerator generator;

    public SampleEvents(SampleGenerator generator) {
        this.generator = generator;
    }

    /**
     * Applies event {@code kindName} at once; {@code count} and {@code seconds} are the optional query parameters
     * (already range-checked), and a kind only accepts its own.
     */
    public EventOutcome trigger(String kindName, Integer count, Integer seconds) {
        EventKind kind = EventKind.fromPathName(kindName).orElseThrow(() -> new UnknownEventKindException(kindName));
        rejectUnlessTaken(kind, "count", count);
        rejectUnlessTaken(kind, "seconds", seconds);
        String effect = switch (kind) {
            case ORDER_BURST -> {
                int orders = Objects.requireNonNullElse(count, DEFAULT_COUNT);
                generator.orderBurst(orders);
                yield orders + " orders processed at once, spread over the shops";
            }
            case FAILURE_BURST -> {
                int orders = Objects.requireNonNullElse(count, DEFAULT_COUNT);
                generator.failureBurst(orders);
                yield orders + " orders failed at once, spread over the shops";
            }
            case LATENCY_SPIKE -> {
                int spikeSeconds = Objects.requireNonNullElse(seconds, DEFAULT_SECONDS);
                long steps = generator.latencySpike(Duration.ofSeconds(spikeSeconds));
                yield "request durations multiplied for the next " + steps + " steps (" + spikeSeconds + " s)";
            }
            case DEPLOY -> "revision " + generator.deploy()
                    + " deployed: counters, histogram and summary restart at 0";
        };
        return new EventOutcome(kind.pathName(), effect, generator.step());
    }

    private static void rejectUnlessTaken(EventKind kind, String parameter, Integer value) {
        if (value != null && kind.parameter().filter(parameter::equals).isEmpty()) {
            throw new InvalidEventParameterException("event kind '" + kind.pathName() + "' does not take '" + parameter
                    + "'; it takes " + kind.parameter().map(own -> "'" + own + "'").orElse("none"));
        }
    }
}
