package dev.perfmonitoring.exposer.service;

import dev.perfmonitoring.exposer.ExposerConfigs;
import dev.perfmonitoring.exposer.Exposition;
import dev.perfmonitoring.exposer.ManualClock;
import dev.perfmonitoring.exposer.metrics.SampleCollector;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;

/** A generator on a manual clock, without Quarkus: move time, read the exposition. */
final class Simulation {

    final ManualClock clock = new ManualClock();
    final SampleCollector collector = new SampleCollector(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    final SampleGenerator generator;

    Simulation(Map<String, String> overrides) {
        this.generator = new SampleGenerator(ExposerConfigs.with(overrides), clock, collector);
    }

    /** Moves the clock and lets the generator catch up, as the schedule would. */
    Simulation advance(Duration duration) {
        clock.advance(duration);
        generator.advance();
        return this;
    }

    String exposition() {
        return Exposition.of(collector);
    }

    Map<String, Double> values() {
        return Exposition.values(exposition());
    }

    double value(String series) {
        Double value = values().get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " in\n" + exposition());
        }
        return value;
    }
}
