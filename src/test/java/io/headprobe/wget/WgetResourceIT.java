package io.headprobe.wget;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class WgetResourceIT extends WgetResourceTest {
}
