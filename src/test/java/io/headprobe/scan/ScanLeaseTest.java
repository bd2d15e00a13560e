package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/** A worker and its lease, on PostgreSQL where another instance can take a chunk over. */
@QuarkusTest
@TestProfile(ScanLeaseTest.ShortLease.class)
class ScanLeaseTest {

    /** Renewals every 333 ms; probes that may take 30 s, far longer than a lost lease may go on. */
    public static class ShortLease extends PgScanResourceTest.Postgres {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.scan.lease", "1S", "headprobe.scan.workers", "1", "headprobe.probe.timeout", "30S");
        }
    }

    @Inject
    Pool pool;

    /**
     * The chunk is claimed by someone else while its target is being fetched (as when the lease ran
     * out under a stalled worker): the next renewal finds the lease lost and the fetch ends at once,
     * long before its 30 s timeout, and nothing is stored.
     */
    @Test
    void aWorkerThatLostItsLeaseDropsTheRunAtOnce() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawServer server = RawServer.start(socket -> {
            InputStream in = socket.getInputStream();
            RawServer.readHead(in);
            asked.countDown();
            while (in.read() != -1) {
                // never answers: only the client ends this connection
            }
            hungUp.countDown();
        })) {
            String id = Scans.submitJson(Map.of("targets", List.of(server.url("/")), "timeoutMs", 30000));
            assertTrue(asked.await(1, TimeUnit.MINUTES), "the worker never fetched");

            pool.query("UPDATE scan_chunks SET owner = 'another', claims = claims + 1, "
                    + "lease_until = now() + interval '1 hour'").execute().await().indefinitely();

            assertTrue(hungUp.await(10, TimeUnit.SECONDS), "the fetch went on after the lease was lost");
            given().when().delete("/scans/" + id).then().statusCode(200);
            assertEquals(0, pool.query("SELECT count(*) FROM scan_results").execute().await().indefinitely()
                    .iterator().next().getLong(0));
            assertEquals(1, server.connections(), "the chunk was not claimed again by this worker");
        }
    }
}
