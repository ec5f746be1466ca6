package dev.perfmonitoring.exporter.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CoalescedPushIT extends CoalescedPushTest {
}
