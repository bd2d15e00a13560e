package io.headprobe.blackbox;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class BlackboxExporterIT extends BlackboxExporterTest {
}
