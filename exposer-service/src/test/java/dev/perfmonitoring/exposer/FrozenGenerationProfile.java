package dev.perfmonitoring.exposer;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One step an hour: no step runs during a test even on the wall clock, so the tests of the packaged application
 * (which cannot swap in {@link ManualClock}) can assert exact differences too.
 */
public class FrozenGenerationProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("exposer.tick-interval", "1h",
                "exposer.temperature.period", "1d",
                "exposer.queue.period", "1d");
    }
}
