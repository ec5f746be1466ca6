package dev.perfmonitoring.exposer;

import dev.perfmonitoring.exposer.config.ExposerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** Real {@link ExposerConfig} mappings (defaults from the annotations) for tests that run without Quarkus. */
public final class ExposerConfigs {

    private ExposerConfigs() {
    }

    public static ExposerConfig defaults() {
        return with(Map.of());
    }

    /** The defaults with {@code overrides} ("exposer.seed" → "7"); an unknown key fails as it would at start-up. */
    public static ExposerConfig with(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .withMapping(ExposerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("quarkus.application.version", "1.0.0-test")
                .withSources(new PropertiesConfigSource(overrides, "test overrides", 500))
                .build()
                .getConfigMapping(ExposerConfig.class);
    }
}
