package io.headprobe.tls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same scans against the packaged application (and the native binary in the native pass). */
@QuarkusIntegrationTest
class TlsResourceIT extends TlsResourceTest {
}
