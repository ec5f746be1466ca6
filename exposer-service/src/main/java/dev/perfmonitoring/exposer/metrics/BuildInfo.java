package dev.perfmonitoring.exposer.metrics;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.Collector.Type;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Info {@code sample_build_info{version,revision}} with the constant value 1: the text format 0.0.4 writes it as a
 * gauge named {@code *_info}, OpenMetrics as type {@code info}. A deploy event gives it a new revision.
 */
public final class BuildInfo {

    public static final String NAME = "sample_build";
    static final int SERIES = 1;
    private static final String HELP = "Info: version and revision of the sample service as labels on a constant 1."
            + " Join it onto other series with * on() group_left(version, revision) to label them.";
    private static final List<String> LABEL_NAMES = List.of("version", "revision");

    private final String version;
    private final RandomGenerator random;
    private String revision;

    public BuildInfo(ExposerConfig config, RandomGenerator random) {
        this.version = config.buildInfo().version();
        this.random = random;
        deploy();
    }

    /** A new revision, as a deployment would bring; returns it. */
    public String deploy() {
        revision = String.format("%07x", random.nextInt(1 << 28));
        return revision;
    }

    public MetricFamilySamples family() {
        return new MetricFamilySamples(NAME, Type.INFO, HELP,
                List.of(new Sample(NAME + "_info", LABEL_NAMES, List.of(version, revision), 1)));
    }
}
