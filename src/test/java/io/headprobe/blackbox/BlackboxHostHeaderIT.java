package io.headprobe.blackbox;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged app (jar or native): the Host override in the fetcher, and RE2 matching a module's regexp. */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile with the test's blackbox.yml")
class BlackboxHostHeaderIT extends BlackboxHostHeaderTest {
}
