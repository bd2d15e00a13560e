package io.headprobe.posture;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same probes with TLS scans against the packaged application (and the native binary in the native pass). */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile that trusts the test's CA")
class ProbeTlsScanIT extends ProbeTlsScanTest {
}
