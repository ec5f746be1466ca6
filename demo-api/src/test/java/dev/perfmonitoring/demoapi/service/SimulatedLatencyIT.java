package dev.perfmonitoring.demoapi.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(SimulatedLatencyTest.SlowReads.class)
class SimulatedLatencyIT extends SimulatedLatencyTest {
}
