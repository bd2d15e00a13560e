package io.headprobe.scan;

import java.util.List;

import io.headprobe.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same limits with scans in a real PostgreSQL (embedded, started by the test). */
@QuarkusTest
@TestProfile(PgScanLimitsTest.Postgres.class)
class PgScanLimitsTest extends ScanLimitsTest {

    public static class Postgres extends ScanLimitsTest.Limits {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }
    }
}
