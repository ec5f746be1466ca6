package dev.perfmonitoring.demoapi.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(StoreCapacityTest.CapacityThree.class)
class StoreCapacityIT extends StoreCapacityTest {
}
