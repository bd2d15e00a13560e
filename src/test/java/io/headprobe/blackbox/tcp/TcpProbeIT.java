package io.headprobe.blackbox.tcp;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged app (jar or native): the tcp prober's Netty conversation, TLS and RE2 on real peers. */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile with the test's blackbox.yml and CA")
class TcpProbeIT extends TcpProbeTest {
}
