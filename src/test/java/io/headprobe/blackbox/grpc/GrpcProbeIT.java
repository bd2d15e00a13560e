package io.headprobe.blackbox.grpc;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged app (jar or native): the grpc prober's HTTP/2 call, h2c and TLS, on real peers. */
@QuarkusIntegrationTest
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "needs its own app: a test profile with the test's blackbox.yml and CA")
class GrpcProbeIT extends GrpcProbeTest {
}
