package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The same specification with scans in a real PostgreSQL (embedded, started by the test). */
@QuarkusTest
@TestProfile(PgScanResourceTest.Postgres.class)
class PgScanResourceTest extends ScanResourceTest {

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }
    }

    @Inject
    Pool pool;

    @Test
    void scansAndResultsAreRowsInTheDatabase() {
        String id = Scans.submitJson(Map.of("targets", List.of(target(noContent, 1), target(noContent, 2))));
        Scans.awaitFinished(id);
        assertEquals(2L, count("SELECT count(*) FROM scan_results WHERE scan_id = $1::uuid", id));
        assertEquals(1L, count("SELECT count(*) FROM schema_version WHERE version = $1", 1));
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next().getLong(0);
    }
}
