package dev.perfmonitoring.exposer.rest;

import dev.perfmonitoring.exposer.FrozenGenerationProfile;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(FrozenGenerationProfile.class)
class EventResourceIT extends EventResourceTest {
}
