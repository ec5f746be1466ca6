package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Gauge {@code sample_temperature_celsius{room}}: a sine wave per room, rooms evenly out of phase, plus noise. */
public final class TemperatureWave {

    public static final String NAME = "sample_temperature_celsius";
    private static final String HELP = "Gauge: server-room temperature moving in a sine wave. A gauge is a value that"
            + " goes up and down: read it as it is, or smooth it with avg_over_time().";
    private static final List<String> LABEL_NAMES = List.of("room");

    private final List<String> rooms;
    private final double mean;
    private final double amplitude;
    private final double periodSeconds;
    private final double noise;
    private final RandomGenerator random;
    private final double[] readings;

    public TemperatureWave(ExposerConfig config, RandomGenerator random) {
        this.rooms = LabelValues.numbered("room", config.cardinality().labelValues());
        this.mean = config.temperature().meanCelsius();
        this.amplitude = config.temperature().amplitudeCelsius();
        this.periodSeconds = config.temperature().period().toMillis() / 1000.0;
        this.noise = config.temperature().noiseCelsius();
        this.random = random;
        this.readings = new double[rooms.size()];
        advanceTo(0);
    }

    /** The readings at {@code seconds} of simulated time. */
    public void advanceTo(double seconds) {
        for (int room = 0; room < readings.length; room++) {
            double phase = seconds / periodSeconds + (double) room / readings.length;
            readings[room] = Distributions.hundredths(
                    mean + amplitude * Math.sin(2 * Math.PI * phase) + noise * random.nextGaussian());
        }
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(rooms.size());
        for (int room = 0; room < rooms.size(); room++) {
            samples.add(new Sample(NAME, LABEL_NAMES, List.of(rooms.get(room)), readings[room]));
        }
        return new MetricFamilySamples(NAME, "celsius", Type.GAUGE, HELP, List.copyOf(samples));
    }
}
