package dev.perfmonitoring.demoapi.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(MetricsSwitchTest.CustomMetricsOff.class)
class MetricsSwitchIT extends MetricsSwitchTest {
}
