package io.headprobe.blackbox;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same scrapes against the packaged application (and the native binary in the native pass). */
@QuarkusIntegrationTest
class BlackboxTlsScanIT extends BlackboxTlsScanTest {
}
