package dev.perfmonitoring.demoapi.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(MetricsExpositionTest.FreshApplication.class)
class MetricsExpositionIT extends MetricsExpositionTest {
}
