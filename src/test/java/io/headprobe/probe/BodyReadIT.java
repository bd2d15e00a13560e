package io.headprobe.probe;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class BodyReadIT extends BodyReadTest {
}
