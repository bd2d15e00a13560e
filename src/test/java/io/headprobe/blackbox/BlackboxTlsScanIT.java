package io.headprobe.blackbox;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same scrapes against the packaged application (and the native binary in the native pass). */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile with the test's blackbox.yml and CA")
class BlackboxTlsScanIT extends BlackboxTlsScanTest {
}
