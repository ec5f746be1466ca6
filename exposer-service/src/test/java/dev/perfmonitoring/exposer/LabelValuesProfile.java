package dev.perfmonitoring.exposer;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A hundred values per label: 2 601 sample series, so a step and a scrape carry real weight. */
public class LabelValuesProfile implements QuarkusTestProfile {

    public static final int LABEL_VALUES = 100;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("exposer.cardinality.label-values", String.valueOf(LABEL_VALUES));
    }
}
