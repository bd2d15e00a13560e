package io.headprobe.scan;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ScanResourceIT extends ScanResourceTest {
}
