package io.headprobe.audit;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class AuditResourceIT extends AuditResourceTest {
}
