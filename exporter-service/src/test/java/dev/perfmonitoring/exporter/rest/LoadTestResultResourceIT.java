package dev.perfmonitoring.exporter.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class LoadTestResultResourceIT extends LoadTestResultResourceTest {
}
