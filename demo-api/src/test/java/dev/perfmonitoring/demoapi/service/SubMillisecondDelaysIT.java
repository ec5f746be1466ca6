package dev.perfmonitoring.demoapi.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(SubMillisecondDelaysTest.TwoMillisecondsAtMost.class)
class SubMillisecondDelaysIT extends SubMillisecondDelaysTest {
}
