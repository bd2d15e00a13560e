package io.headprobe.probe;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile and a trust store made by the test")
class AuditFetchIT extends AuditFetchTest {
}
