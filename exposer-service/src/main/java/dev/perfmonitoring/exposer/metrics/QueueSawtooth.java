package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.ArrayList;
import java.util.List;

/** Gauge {@code sample_queue_depth{queue}}: fills steadily to its capacity, then is drained at once (a sawtooth). */
public final class QueueSawtooth {

    public static final String NAME = "sample_queue_depth";
    private static final String HELP = "Gauge: jobs waiting in a queue that fills steadily and is drained at once"
            + " (a sawtooth). A gauge shows the current level: alert on it directly, e.g. with max_over_time().";
    private static final List<String> LABEL_NAMES = List.of("queue");

    private final List<String> queues;
    private final int capacity;
    private final long periodMillis;
    private final long[] depths;

    public QueueSawtooth(ExposerConfig config) {
        this.queues = LabelValues.numbered("queue", config.cardinality().labelValues());
        this.capacity = config.queue().capacity();
        this.periodMillis = config.queue().period().toMillis();
        this.depths = new long[queues.size()];
        advanceTo(0);
    }

    /** The depths {@code millis} of simulated time after start; queues are evenly out of phase. Exact: no floats. */
    public void advanceTo(long millis) {
        for (int queue = 0; queue < depths.length; queue++) {
            long position = Math.floorMod(millis + periodMillis * queue / depths.length, periodMillis);
            depths[queue] = capacity * position / periodMillis;
        }
    }

    public MetricFamilySamples family() {
        List<Sample> samples = new ArrayList<>(queues.size());
        for (int queue = 0; queue < queues.size(); queue++) {
            samples.add(new Sample(NAME, LABEL_NAMES, List.of(queues.get(queue)), depths[queue]));
        }
        return new MetricFamilySamples(NAME, Type.GAUGE, HELP, List.copyOf(samples));
    }
}
