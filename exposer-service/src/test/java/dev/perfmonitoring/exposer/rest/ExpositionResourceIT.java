package dev.perfmonitoring.exposer.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ExpositionResourceIT extends ExpositionResourceTest {
}
