package io.headprobe.probe;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ProbeResourceIT extends ProbeResourceTest {
}
