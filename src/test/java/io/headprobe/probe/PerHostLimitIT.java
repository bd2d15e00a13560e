package io.headprobe.probe;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PerHostLimitIT extends PerHostLimitTest {
}
