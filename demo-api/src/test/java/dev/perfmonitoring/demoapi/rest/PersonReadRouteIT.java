package dev.perfmonitoring.demoapi.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PersonReadRouteIT extends PersonReadRouteTest {
}
