package io.headprobe.posture;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same probes with TLS scans against the packaged application (and the native binary in the native pass). */
@QuarkusIntegrationTest
class ProbeTlsScanIT extends ProbeTlsScanTest {
}
