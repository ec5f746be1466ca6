package dev.perfmonitoring.demoapi.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ConcurrentWritesIT extends ConcurrentWritesTest {
}
