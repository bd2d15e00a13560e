package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeOptions;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCa;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A worker, its lease and chunks it cannot run, on PostgreSQL where another instance can take a chunk over. */
@QuarkusTest
@TestProfile(ScanWorkerTest.ShortLease.class)
class ScanWorkerTest {

    /**
     * Renewals every 333 ms; probes that may take 30 s, far longer than a lost lease may go on; two
     * claims per chunk at most, looked for every 100 ms.
     */
    public static class ShortLease extends PgScanResourceTest.Postgres {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.scan.lease", "1S", "headprobe.scan.workers", "1", "headprobe.probe.timeout", "30S",
                    "headprobe.scan.max-claims", "2", "headprobe.scan.poll-interval", "100MS");
        }
    }

    private static final TestCa CA = TestCa.create();

    @Inject
    Pool pool;

    @Inject
    ScanStore store;

    @Inject
    ObjectMapper json;

    @Inject
    ProbeConfig probeConfig;

    /**
     * Options stored with a scan that today's limits refuse (a limit lowered since, or an older
     * instance in a rolling deploy) fail the run on every claim: after the second claim the
     * targets get NOT_PROBED results saying why, and the scan ends instead of being retried for ever.
     */
    @Test
    void aChunkThatFailsOnEveryClaimEndsWithNotProbedResults() {
        ScanStore.Draft draft = store.draft();
        draft.add(List.of("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"));
        String id = draft.commit(new ScanSpec("poison", "{\"timeoutMs\":999999}", "tester"), ScanQuota.NONE).id();

        JsonNode scan = Scans.awaitFinished(id);
        assertEquals("done", scan.get("state").asText());
        assertEquals(2, scan.at("/byError/NOT_PROBED").asInt());
        List<JsonNode> results = Scans.results(id, null);
        assertEquals(2, results.size());
        assertTrue(results.get(0).at("/error/message").asText().contains("timeoutMs"), results.get(0).toString());
        assertEquals(2, pool.preparedQuery("SELECT claims FROM scan_chunks WHERE scan_id = $1::uuid")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getInteger(0));
    }

    /**
     * Options stored when the limits were higher (a timeout of 1,000 s, 9,999 fetches at once) are
     * clamped to today's, and the scan runs; options in a format this instance does not know (a
     * newer instance wrote them) fail, and the targets end NOT_PROBED saying so.
     */
    @Test
    void storedOptionsAreClampedToTodaysLimitsAndAnUnknownFormatIsNotGuessed() throws Exception {
        String higherLimits = json.writeValueAsString(new StoredOptions(StoredOptions.VERSION, "HEAD", 1_000_000, false, 0,
                9999, false, true, false, null, List.of(), null, false, false));
        JsonNode ran = Scans.awaitFinished(submit(higherLimits));
        assertEquals("done", ran.get("state").asText());
        assertEquals(1, ran.get("done").asInt());
        assertEquals(0, ran.at("/byError/NOT_PROBED").asInt(), ran.toString());

        String newer = submit("{\"version\":" + (StoredOptions.VERSION + 1) + "}");
        assertEquals(1, Scans.awaitFinished(newer).at("/byError/NOT_PROBED").asInt());
        assertTrue(Scans.results(newer, null).get(0).at("/error/message").asText().contains("format version"));
    }

    /**
     * The body options of both submission forms are stored resolved, in format 2 (a body read's cap
     * is clamped to today's headprobe.probe.body-max-bytes when it runs); options an instance wrote
     * in format 1, before bodies were read, still run, and read no body.
     */
    @Test
    void bodyOptionsAreStoredWithTheScanAndFormatOneStillRuns() throws Exception {
        String target = "http://127.0.0.1:9/";
        JsonNode fromJson = storedOptions(Scans.submitJson(Map.of("targets", List.of(target), "body", true,
                "bodyMaxBytes", 1000, "favicon", true)));
        assertEquals(List.of(2, "GET", 1000, true), List.of(fromJson.get("version").asInt(), fromJson.get("method").asText(),
                fromJson.get("bodyMaxBytes").asInt(), fromJson.get("favicon").asBoolean()), fromJson.toString());
        JsonNode fromText = storedOptions(given().contentType("text/plain").queryParam("body", "true")
                .queryParam("bodyMaxBytes", "2000").body(target).when().post("/scans").then().statusCode(202)
                .extract().path("id"));
        assertEquals(List.of("GET", 2000, false), List.of(fromText.get("method").asText(),
                fromText.get("bodyMaxBytes").asInt(), fromText.get("favicon").asBoolean()), fromText.toString());
        assertTrue(storedOptions(Scans.submitJson(Map.of("targets", List.of(target)))).get("bodyMaxBytes").isNull());

        StoredOptions larger = json.treeToValue(((ObjectNode) fromJson).put("bodyMaxBytes", 999_999_999), StoredOptions.class);
        assertEquals(new ProbeOptions.BodyRead(probeConfig.bodyMaxBytes(), true), larger.clampedTo(probeConfig).body());

        String formatOne = "{\"version\":1,\"method\":\"HEAD\",\"timeoutMs\":5000,\"followRedirects\":false,"
                + "\"maxRedirects\":0,\"concurrency\":4,\"audit\":true,\"tlsVerify\":true,\"http2\":false,"
                + "\"ipVersion\":null,\"headers\":[]}";
        assertNull(json.readValue(formatOne, StoredOptions.class).clampedTo(probeConfig).body());
        JsonNode ran = Scans.awaitFinished(submit(formatOne));
        assertEquals(1, ran.get("done").asInt());
        assertEquals(0, ran.at("/byError/NOT_PROBED").asInt(), ran.toString());
    }

    /**
     * A scan with "tlsScan" stores it in format 3 and each https result with its TLS scan, whose
     * grade, protocols and weak suite classes get their own columns for diffs.
     */
    @Test
    void aScanWithTlsScanStoresTheScanAndItsColumns() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), OpenSslServer.Config.TLS12_RSA_CBC)) {
            String id = Scans.submitJson(Map.of("targets", List.of("https://localhost:" + server.port() + "/"),
                    "method", "GET", "tlsVerify", false, "tlsScan", true));
            JsonNode options = storedOptions(id);
            assertEquals(List.of(3, true), List.of(options.get("version").asInt(), options.get("tlsScan").asBoolean()));

            assertEquals("done", Scans.awaitFinished(id).get("state").asText());
            JsonNode result = Scans.results(id, null).get(0);
            assertEquals("[\"TLSv1.2\"]", result.at("/tlsScan/protocols").toString(), result.toString());
            var row = pool.preparedQuery("SELECT tls_grade, tls_protocols, tls_weak FROM scan_results WHERE scan_id = $1::uuid")
                    .execute(Tuple.of(id)).await().indefinitely().iterator().next();
            assertEquals(result.at("/tlsScan/rating/grade").asText(), row.getString("tls_grade"));
            assertEquals("[\"TLSv1.2\"]", row.getString("tls_protocols"));
            assertEquals("[\"static RSA\"]", row.getString("tls_weak"));
        }
    }

    private JsonNode storedOptions(String id) throws Exception {
        return json.readTree(pool.preparedQuery("SELECT options FROM scans WHERE id = $1::uuid").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getString(0));
    }

    private String submit(String options) {
        ScanStore.Draft draft = store.draft();
        draft.add(List.of("http://127.0.0.1:9/"));
        return draft.commit(new ScanSpec("stored", options, "tester"), ScanQuota.NONE).id();
    }

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

            pool.preparedQuery("UPDATE scan_chunks SET owner = 'another', claims = claims + 1, "
                    + "lease_until = now() + interval '1 hour' WHERE scan_id = $1::uuid").execute(Tuple.of(id))
                    .await().indefinitely();

            assertTrue(hungUp.await(10, TimeUnit.SECONDS), "the fetch went on after the lease was lost");
            given().when().delete("/scans/" + id).then().statusCode(200);
            assertEquals(0, pool.preparedQuery("SELECT count(*) FROM scan_results WHERE scan_id = $1::uuid")
                    .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0));
            assertEquals(1, server.connections(), "the chunk was not claimed again by this worker");
        }
    }
}
