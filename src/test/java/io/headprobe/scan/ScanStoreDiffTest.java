package io.headprobe.scan;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headprobe.audit.Audit;
import io.headprobe.body.BodyFacts;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsInfo;
import io.headprobe.testing.EmbeddedPg;
import io.headprobe.tls.model.Rating;
import io.headprobe.tls.model.TlsScan;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The diff of two scans, the count of active scans and retention, the same specification for both stores:
 * in memory, and on a real (embedded) PostgreSQL where the diff is one SQL join.
 */
class ScanStoreDiffTest {

    Vertx vertx;
    Pool pool;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        vertx.closeAndAwait();
    }

    ScanStore store(String kind) {
        // Chunks of one target: every host its own chunk, so a test can leave one unfinished.
        PgStoreTest.TestConfig config = new PgStoreTest.TestConfig(1, Duration.ofMinutes(1));
        if (kind.equals("memory")) {
            return new MemoryStore(config.chunkSize(), config.lease(), config.memoryMaxScans());
        }
        pool = Pool.pool(vertx, EmbeddedPg.connectOptions(EmbeddedPg.createDatabase()), new PoolOptions().setMaxSize(4));
        PgStore store = new PgStore(pool, config);
        store.open().await().indefinitely();
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "postgres" })
    void listsTargetsWhoseStatusErrorGradeOrTlsBucketChanged(String kind) {
        ScanStore store = store(kind);
        String base = submit(store, List.of("http://same.test/", "http://older.test/", "http://soon.test/",
                "http://expired.test/", "http://graded.test/", "http://tls.test/", "http://broken.test/",
                "http://unfinished.test/", "http://gone.test/"));
        runAll(store, base, Map.of(
                "http://older.test/", result(200, null, null, 40),
                "http://soon.test/", result(200, null, null, 40),
                "http://expired.test/", result(200, null, null, 3),
                "http://graded.test/", result(200, null, "A", null),
                "http://broken.test/", result(200, null, null, null),
                "http://unfinished.test/", result(200, null, null, null)), null);

        String after = submit(store, List.of("http://same.test/", "http://older.test/", "http://soon.test/",
                "http://expired.test/", "http://graded.test/", "http://tls.test/", "http://broken.test/",
                "http://unfinished.test/", "http://new.test/", "http://same.test/"));
        runAll(store, after, Map.of(
                "http://older.test/", result(200, null, null, 35),
                "http://soon.test/", result(200, null, null, 20),
                "http://expired.test/", result(200, null, null, -1),
                "http://graded.test/", result(200, null, "F", null),
                "http://tls.test/", result(200, null, null, 10),
                "http://broken.test/", result(null, ErrorCode.CONNECT_FAILED, null, null),
                "http://new.test/", result(500, null, null, null)), "http://unfinished.test/");

        List<ResultChange> changes = store.diff(after, base).collect().asList().await().indefinitely();

        ResultSummary plain = summary(200, null, null, "none");
        assertEquals(List.of(
                new ResultChange("http://broken.test/", plain, summary(null, "CONNECT_FAILED", null, "none"),
                        List.of("status", "error")),
                new ResultChange("http://expired.test/", summary(200, null, null, "<7"),
                        summary(200, null, null, "expired"), List.of("tlsDaysLeftBucket")),
                new ResultChange("http://graded.test/", summary(200, null, "A", "none"),
                        summary(200, null, "F", "none"), List.of("grade")),
                new ResultChange("http://soon.test/", summary(200, null, null, ">=30"),
                        summary(200, null, null, "<30"), List.of("tlsDaysLeftBucket")),
                new ResultChange("http://tls.test/", plain, summary(200, null, null, "<30"),
                        List.of("tlsDaysLeftBucket"))),
                changes, "older.test stays >=30; unfinished.test has no result after; same.test is compared by its first "
                        + "occurrence; new.test and gone.test are in one scan only");
        assertEquals(List.of(), store.diff(base, base).collect().asList().await().indefinitely());
    }

    /**
     * A defaced page: the title or the body's hash changed, compared only where both scans read the
     * body. A result without a body read on either side (a scan without "body", a failed fetch) is
     * compared as before; a page that lost its title is a changed title.
     */
    @ParameterizedTest
    @ValueSource(strings = { "memory", "postgres" })
    void listsTargetsWhoseTitleOrBodyHashChangedWhereBothReadTheBody(String kind) {
        ScanStore store = store(kind);
        List<String> targets = List.of("http://steady.test/", "http://defaced.test/", "http://retitled.test/",
                "http://untitled.test/", "http://read-after.test/", "http://read-before.test/", "http://broken.test/");
        String base = submit(store, targets);
        runAll(store, base, Map.of(
                "http://steady.test/", page("Shop", "aa"),
                "http://defaced.test/", page("Shop", "aa"),
                "http://retitled.test/", page("Shop", "aa"),
                "http://untitled.test/", page("Shop", "aa"),
                "http://read-before.test/", page("Shop", "aa"),
                "http://broken.test/", page("Shop", "aa")), null);
        String after = submit(store, targets);
        runAll(store, after, Map.of(
                "http://steady.test/", page("Shop", "aa"),
                "http://defaced.test/", page("Shop", "bb"),
                "http://retitled.test/", page("<b>Hacked</b>", "bb"),
                "http://untitled.test/", page(null, "bb"),
                "http://read-after.test/", page("Shop", "aa"),
                "http://broken.test/", result(null, ErrorCode.CONNECT_FAILED, null, null)), null);

        List<ResultChange> changes = store.diff(after, base).collect().asList().await().indefinitely();

        assertEquals(List.of(
                new ResultChange("http://broken.test/", bodySummary("Shop", "aa"),
                        summary(null, "CONNECT_FAILED", null, "none"), List.of("status", "error")),
                new ResultChange("http://defaced.test/", bodySummary("Shop", "aa"), bodySummary("Shop", "bb"),
                        List.of("bodySha256")),
                new ResultChange("http://retitled.test/", bodySummary("Shop", "aa"), bodySummary("<b>Hacked</b>", "bb"),
                        List.of("title", "bodySha256")),
                new ResultChange("http://untitled.test/", bodySummary("Shop", "aa"), bodySummary(null, "bb"),
                        List.of("title", "bodySha256"))),
                changes, "steady.test is the same page; read-after.test and read-before.test read the body in one scan only");
    }

    /**
     * A server that took TLS 1.0 back, dropped TLS 1.3, regraded, or took a 3DES suite: the TLS scan's
     * grade, protocols and weak suite classes compared where both scans made a TLS scan.
     */
    @ParameterizedTest
    @ValueSource(strings = { "memory", "postgres" })
    void listsTargetsWhoseTlsGradeProtocolsOrWeakSuitesChangedWhereBothScanned(String kind) {
        ScanStore store = store(kind);
        List<String> modern = List.of("TLSv1.2", "TLSv1.3");
        List<String> targets = List.of("https://steady.test/", "https://legacy.test/", "https://dropped.test/",
                "https://weakened.test/", "https://scanned-after.test/");
        String base = submit(store, targets);
        runAll(store, base, Map.of(
                "https://steady.test/", scanned("A", modern, List.of()),
                "https://legacy.test/", scanned("A", modern, List.of()),
                "https://dropped.test/", scanned("A", modern, List.of()),
                "https://weakened.test/", scanned("C", List.of("TLSv1.2"), List.of("static RSA"))), null);
        String after = submit(store, targets);
        runAll(store, after, Map.of(
                "https://steady.test/", scanned("A", modern, List.of()),
                "https://legacy.test/", scanned("B", List.of("TLSv1", "TLSv1.2", "TLSv1.3"), List.of("CBC with TLS 1.0")),
                "https://dropped.test/", scanned("A-", List.of("TLSv1.2"), List.of()),
                "https://weakened.test/", scanned("C", List.of("TLSv1.2"), List.of("3DES", "static RSA")),
                "https://scanned-after.test/", scanned("A", modern, List.of())), null);

        List<ResultChange> changes = store.diff(after, base).collect().asList().await().indefinitely();

        assertEquals(List.of(
                new ResultChange("https://dropped.test/", tlsSummary("A", modern, List.of()),
                        tlsSummary("A-", List.of("TLSv1.2"), List.of()), List.of("tlsGrade", "tlsProtocols")),
                new ResultChange("https://legacy.test/", tlsSummary("A", modern, List.of()),
                        tlsSummary("B", List.of("TLSv1", "TLSv1.2", "TLSv1.3"), List.of("CBC with TLS 1.0")),
                        List.of("tlsGrade", "tlsProtocols", "tlsWeak")),
                new ResultChange("https://weakened.test/", tlsSummary("C", List.of("TLSv1.2"), List.of("static RSA")),
                        tlsSummary("C", List.of("TLSv1.2"), List.of("3DES", "static RSA")), List.of("tlsWeak"))),
                changes, "steady.test is the same server; scanned-after.test made a TLS scan in one scan only");
    }

    @ParameterizedTest
    @ValueSource(strings = { "memory", "postgres" })
    void countsScansQueuedOrRunning(String kind) throws InterruptedException {
        ScanStore store = store(kind);
        awaitActive(store, 0);
        String first = submit(store, List.of("http://a.test/"));
        submit(store, List.of("http://b.test/"));
        awaitActive(store, 2);
        runAll(store, first, Map.of(), null);
        awaitActive(store, 1);
    }

    /**
     * A scan that ended (done or cancelled) goes once it ended longer ago than the retention, with
     * its results; one still open stays. With PostgreSQL, the targets of a scan that ended go at once.
     */
    @ParameterizedTest
    @ValueSource(strings = { "memory", "postgres" })
    void forgetsScansThatEndedLongerAgoThanTheRetention(String kind) {
        ScanStore store = store(kind);
        String done = submit(store, List.of("http://a.test/"));
        runAll(store, done, Map.of(), null);
        String cancelled = submit(store, List.of("http://b.test/"));
        store.cancel(cancelled, null).await().indefinitely();
        String open = submit(store, List.of("http://c.test/"));

        assertEquals(0L, store.expire(Duration.ofDays(1)).await().indefinitely(), "both ended just now");
        assertNotNull(store.find(done, null).await().indefinitely());
        assertEquals(1, store.results(done, 0).collect().asList().await().indefinitely().size());
        if (pool != null) {
            assertEquals(Map.of(open, 1L), targetRows(), "only the open scan still needs its targets");
        }

        // Below zero the cut-off is in the future: whatever ended is older than it.
        assertEquals(2L, store.expire(Duration.ofSeconds(-1)).await().indefinitely());
        assertNull(store.find(done, null).await().indefinitely());
        assertNull(store.find(cancelled, null).await().indefinitely());
        assertEquals(List.of(), store.results(done, 0).collect().asList().await().indefinitely());
        assertEquals(List.of(open), store.list(null, 0, 10).await().indefinitely().stream().map(Scan::id).toList());
        if (pool != null) {
            assertEquals(List.of(0L), pool.query("SELECT (SELECT count(*) FROM scan_results) + (SELECT count(*) FROM scan_counts)"
                    + " + (SELECT count(*) FROM scan_chunks WHERE scan_id <> '" + open + "')").execute().await().indefinitely()
                    .stream().map(row -> row.getLong(0)).toList(), "nothing of the forgotten scans is left");
        }
    }

    private Map<String, Long> targetRows() {
        Map<String, Long> rows = new TreeMap<>();
        pool.query("SELECT scan_id, count(*) FROM scan_targets GROUP BY scan_id").execute().await().indefinitely()
                .forEach(row -> rows.put(row.getUUID(0).toString(), row.getLong(1)));
        return rows;
    }

    /** Runs every chunk of the scan except the one holding {@code left}; a target not in {@code results} answers 200. */
    private static void runAll(ScanStore store, String id, Map<String, ProbeResult> results, String left) {
        for (Chunk chunk = store.claim("w").await().indefinitely(); chunk != null; chunk = store.claim("w").await()
                .indefinitely()) {
            if (!chunk.scanId().equals(id) || chunk.targets().stream().anyMatch(target -> target.target().equals(left))) {
                continue;
            }
            // The second same.test answers 500: only the first occurrence counts in a diff.
            boolean[] seen = { false };
            store.complete("w", chunk, chunk.targets().stream().map(target -> {
                ProbeResult result = results.getOrDefault(target.target(), result(seen[0] ? 500 : 200, null, null, null));
                seen[0] = true;
                return new ScanStore.ResultToStore(target.seq(), result.withTarget(target.target()), "{}");
            }).toList()).await().indefinitely();
        }
    }

    private static ProbeResult result(Integer status, ErrorCode error, String grade, Integer daysLeft) {
        TlsInfo tls = daysLeft == null ? null
                : new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", null, true, null, null, daysLeft.longValue(), List.of());
        return new ProbeResult("", "", error == null, status, null, List.of(), List.of(), null, null, List.of(), tls,
                error == null ? null : new ProbeResult.Error(error, "refused"),
                grade == null ? null : new Audit(0, grade, List.of()));
    }

    /** A 200 whose body was read: its title (null: none) and its hash. */
    private static ProbeResult page(String title, String sha256) {
        return result(200, null, null, null).withBody(new BodyFacts(10, 10, false, null, sha256, "1", title, 1, 1, null, null));
    }

    /** A 200 with a TLS scan that found these. */
    private static ProbeResult scanned(String grade, List<String> protocols, List<String> weak) {
        return result(200, null, null, null).withTlsScan(new TlsScan("x.test", "192.0.2.1:443", true, protocols,
                List.of(), List.of(), null, true, weak, true, true, false, null,
                new Rating(grade, 90, 100, 90, 90, List.of()), 20, 800.0, null));
    }

    private static ResultSummary tlsSummary(String grade, List<String> protocols, List<String> weak) {
        return new ResultSummary(200, null, null, "none", null, null, grade, protocols, weak);
    }

    private static ResultSummary summary(Integer status, String error, String grade, String bucket) {
        return new ResultSummary(status, error, grade, bucket, null, null);
    }

    private static ResultSummary bodySummary(String title, String sha256) {
        return new ResultSummary(200, null, null, "none", title, sha256);
    }

    private static String submit(ScanStore store, List<String> targets) {
        ScanStore.Draft draft = store.draft();
        draft.add(targets);
        return draft.commit(new ScanSpec("test", "{}", "tester"), ScanQuota.NONE).id();
    }

    /** PostgreSQL counts in the background: look again until the count is the expected one, for ten seconds. */
    private static void awaitActive(ScanStore store, long expected) {
        await("active scans").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(store::activeScans, equalTo(expected));
    }
}
