package dev.perfmonitoring.exporter.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class InvalidInputIT extends InvalidInputTest {
}
