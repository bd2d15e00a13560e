package io.headprobe.scan;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.headprobe.audit.Audit;
import io.headprobe.probe.ErrorCode;
import io.headprobe.probe.ProbeResult;
import io.headprobe.problem.ProblemException;
import io.headprobe.testing.EmbeddedPg;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.PoolOptions;

/**
 * The PostgreSQL store on its own, against a real (embedded) PostgreSQL: the store contract, and
 * what only this store has (migrations, admission under a lock, paged results).
 */
class PgStoreTest extends ScanStoreContract {

    Vertx vertx;
    Pool pool;

    @BeforeEach
    void freshDatabase() {
        vertx = Vertx.vertx();
        pool = Pool.pool(vertx, EmbeddedPg.connectOptions(EmbeddedPg.createDatabase()), new PoolOptions().setMaxSize(4));
    }

    @AfterEach
    void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Override
    PgStore store(int chunkSize, Duration lease) {
        PgStore store = new PgStore(pool, new TestConfig(chunkSize, lease));
        store.open().await().indefinitely();
        return store;
    }

    @Test
    void instancesStartingTogetherApplyEachMigrationOnce() {
        Uni.join().all(Migrations.apply(pool), Migrations.apply(pool), Migrations.apply(pool)).andFailFast()
                .await().indefinitely();
        long versions = pool.query("SELECT count(*) FROM schema_version").execute().await().indefinitely()
                .iterator().next().getLong(0);
        assertEquals(Migrations.FILES.size(), versions);
    }

    /**
     * Two submissions of one client wait for the client's lock (held here by the test) and, let go
     * together, are admitted one after the other: the second sees the first and is refused.
     */
    @Test
    void submissionsOfOneClientAreAdmittedOneAfterTheOther() throws Exception {
        PgStore store = store(500, Duration.ofMinutes(1));
        ScanQuota oneAtATime = new ScanQuota(1, 0);
        SqlConnection holder = pool.getConnectionAndAwait();
        holder.query("SELECT pg_advisory_lock(hashtext('headprobe scan client'), hashtext('c'))").executeAndAwait();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> submissions = List.of(threads.submit(() -> submit(store, "c", oneAtATime)),
                    threads.submit(() -> submit(store, "c", oneAtATime)));
            await("submissions waiting for the client's lock").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(this::waitingForAnAdvisoryLock, greaterThanOrEqualTo(2L));
            holder.query("SELECT pg_advisory_unlock_all()").executeAndAwait();
            long refused = 0;
            for (Future<String> submission : submissions) {
                try {
                    submission.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertEquals(429, ((ProblemException) e.getCause()).problem().status());
                    refused++;
                }
            }
            assertEquals(1, refused);
        } finally {
            threads.shutdownNow();
            holder.closeAndAwait();
        }
    }

    private long waitingForAnAdvisoryLock() {
        return pool.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").execute()
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void resultsStreamPageAfterPageFromTheCursor() {
        PgStore store = store(500, Duration.ofMinutes(1));
        // 2,500 targets of 2,500 hosts: five chunks, three pages of results.
        String id = submit(store, "tester", IntStream.range(0, 2500).mapToObj(i -> "http://h" + i + ".test/").toList());
        for (Chunk chunk = store.claim("w").await().indefinitely(); chunk != null; chunk = store.claim("w").await()
                .indefinitely()) {
            store.complete("w", chunk, results(chunk, "")).await().indefinitely();
        }
        List<StoredResult> all = store.results(id, 0).collect().asList().await().indefinitely();
        assertEquals(2500, all.size());
        assertEquals(LongStream.rangeClosed(1, 2500).boxed().toList(), all.stream().map(StoredResult::position).toList());
        assertEquals(2500 - 1234, store.results(id, 1234).collect().asList().await().indefinitely().size());
        assertNotEquals(all.get(0).seq(), all.get(2499).seq());
    }

    /** The counts kept by completing chunks are what a GROUP BY over all results says. */
    @Test
    void keptCountsEqualAGroupByOverTheResults() {
        PgStore store = store(3, Duration.ofMinutes(1));
        List<String> targets = IntStream.range(0, 40).mapToObj(i -> "http://h" + i % 7 + ".test/" + i).toList();
        String id = submit(store, "tester", targets);
        for (Chunk chunk = store.claim("w").await().indefinitely(); chunk != null; chunk = store.claim("w").await()
                .indefinitely()) {
            store.complete("w", chunk, chunk.targets().stream().map(target -> new ScanStore.ResultToStore(target.seq(),
                    varied(target.seq()).withTarget(target.target()), "{}")).toList()).await().indefinitely();
        }
        Scan scan = store.find(id, null).await().indefinitely();
        assertEquals(40, scan.done());
        assertEquals(groupBy("status::text", id), scan.byStatus());
        assertEquals(groupBy("error", id), scan.byError());
        assertEquals(groupBy("grade", id), scan.byGrade());
        assertEquals(Set.of("200", "301", "503"), scan.byStatus().keySet());
        assertEquals(Set.of("A", "C", "F"), scan.byGrade().keySet());
        assertEquals(Set.of("TIMEOUT"), scan.byError().keySet());
    }

    /** Statuses, grades and errors that vary with the target's place in the list. */
    private static ProbeResult varied(int seq) {
        boolean failed = seq % 5 == 0;
        return new ProbeResult("", "", !failed, failed ? null : List.of(200, 301, 503).get(seq % 3), null, List.of(),
                List.of(), null, null, List.of(), null,
                failed ? new ProbeResult.Error(ErrorCode.TIMEOUT, "slow") : null,
                failed ? null : new Audit(0, List.of("A", "C", "F").get(seq % 3 == 0 ? 0 : seq % 2 + 1), List.of()));
    }

    private Map<String, Long> groupBy(String column, String id) {
        Map<String, Long> counts = new TreeMap<>();
        pool.preparedQuery("SELECT " + column + " AS key, count(*) AS n FROM scan_results WHERE scan_id = $1::uuid AND "
                + column + " IS NOT NULL GROUP BY 1").execute(Tuple.of(id)).await().indefinitely()
                .forEach(row -> counts.put(row.getString("key"), row.getLong("n")));
        return counts;
    }

    @Test
    void anAbortedDraftLeavesNothing() {
        PgStore store = store(500, Duration.ofMinutes(1));
        ScanStore.Draft draft = store.draft();
        draft.add(List.of("http://a.test/"));
        draft.abort();
        long rows = pool.query("SELECT count(*) FROM scan_targets").execute().await().indefinitely()
                .iterator().next().getLong(0);
        assertEquals(0, rows);
    }

    /** As ScanResource does: a refused draft is aborted. */
    private static String submit(PgStore store, String client, ScanQuota quota) {
        ScanStore.Draft draft = store.draft();
        try {
            draft.add(List.of("http://a.test/"));
            return draft.commit(new ScanSpec("test", "{}", client), quota).id();
        } catch (RuntimeException e) {
            draft.abort();
            throw e;
        }
    }

    record TestConfig(int chunkSize, Duration lease) implements ScanConfig {
        @Override
        public int maxTargets() {
            return 1_000_000;
        }

        @Override
        public long maxBodyBytes() {
            return 1 << 20;
        }

        @Override
        public int workers() {
            return 0;
        }

        @Override
        public int maxClaims() {
            return 5;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        /** Counted on every look: a test polls for the count it expects. */
        @Override
        public Duration activeCountInterval() {
            return Duration.ZERO;
        }

        @Override
        public int maxActivePerClient() {
            return 0;
        }

        @Override
        public long maxTargetsPerDayPerClient() {
            return 0;
        }

        @Override
        public OptionalInt maxInFlight() {
            return OptionalInt.empty();
        }

        @Override
        public int pageSize() {
            return 50;
        }

        @Override
        public int maxPageSize() {
            return 500;
        }

        @Override
        public Duration retention() {
            return Duration.ofDays(30);
        }

        @Override
        public int memoryMaxScans() {
            return 1000;
        }

        @Override
        public int maxUploads() {
            return 16;
        }
    }
}
