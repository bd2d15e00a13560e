package io.headprobe.web;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SeedResourceIT extends SeedResourceTest {
}
