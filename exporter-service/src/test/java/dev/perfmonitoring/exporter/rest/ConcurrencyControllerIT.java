package dev.perfmonitoring.exporter.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The concurrency controller's requests against the packaged exporter, whose main method lets {@code GET //} through. */
@QuarkusIntegrationTest
class ConcurrencyControllerIT extends ConcurrencyControllerTest {
}
