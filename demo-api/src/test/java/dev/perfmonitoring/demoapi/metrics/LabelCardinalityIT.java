package dev.perfmonitoring.demoapi.metrics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class LabelCardinalityIT extends LabelCardinalityTest {
}
