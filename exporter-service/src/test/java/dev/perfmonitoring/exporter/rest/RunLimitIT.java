package dev.perfmonitoring.exporter.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RunLimitIT extends RunLimitTest {
}
