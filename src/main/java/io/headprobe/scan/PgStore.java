package io.headprobe.scan;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Scans in PostgreSQL, shared by every instance pointed at the database. Workers claim chunks
 * with FOR UPDATE SKIP LOCKED and a lease kept on the database's clock; a chunk's results are
 * inserted in the transaction that marks it done, and only while its lease is still the worker's.
 */
final class PgStore implements ScanStore {

    private static final int PAGE = 1000;

    private static final String SCAN_COLUMNS = "id, name, state, total, done, ok, created_at, started_at, finished_at";

    /**
     * Fair across clients: the client whose open scans were claimed from longest ago (or never)
     * first, then within it the scan claimed from longest ago, so that one big scan cannot hold
     * every worker while other scans wait.
     */
    private static final String CLAIM = """
            WITH open AS (SELECT id, created_at, last_claimed_at,
                                 max(last_claimed_at) OVER (PARTITION BY client) AS client_claimed_at
                          FROM scans WHERE state IN ('queued', 'running'))
            UPDATE scan_chunks c SET owner = $1, lease_until = now() + make_interval(secs => $2), claims = claims + 1
            FROM (SELECT k.scan_id, k.chunk FROM scan_chunks k JOIN open s ON s.id = k.scan_id
                  WHERE NOT k.done AND (k.lease_until IS NULL OR k.lease_until < now())
                  ORDER BY s.client_claimed_at NULLS FIRST, s.last_claimed_at NULLS FIRST, s.created_at, k.chunk
                  LIMIT 1 FOR UPDATE OF k SKIP LOCKED) free
            WHERE c.scan_id = free.scan_id AND c.chunk = free.chunk
            RETURNING c.scan_id, c.chunk, c.claims""";

    /** Marks a scan claimed from (and running, if it was queued); its options for the worker. */
    private static final String CLAIMED = """
            UPDATE scans SET last_claimed_at = clock_timestamp(),
                started_at = CASE WHEN state = 'queued' THEN now() ELSE started_at END,
                state = CASE WHEN state = 'queued' THEN 'running' ELSE state END
            WHERE id = $1 RETURNING options""";

    /** The chunk's current claim: the owner and the claim counter (the fencing token) both match. */
    private static final String HELD = "scan_id = $1 AND chunk = $2 AND owner = $3 AND claims = $4 AND NOT done";

    /** Targets per INSERT when a draft is committed. */
    private static final int INSERT_BATCH = 1000;

    /** A host's chunk is where its first target falls when hosts are laid out in name order (as Hosts.chunks). */
    private static final String CHUNK_HOSTS = """
            INSERT INTO scan_hosts (scan_id, host, chunk)
            SELECT $1, host, ((sum(n) OVER (ORDER BY host COLLATE "C") - n)::bigint / $2)::int
            FROM (SELECT host, count(*) AS n FROM scan_targets WHERE scan_id = $1 GROUP BY host) hosts""";

    /** The row lock on the scan orders completions: positions are handed out in commit order. */
    private static final String COUNT_DONE = """
            UPDATE scans SET done = done + $2, ok = ok + $3,
                finished_at = CASE WHEN state = 'running' AND done + $2 = total THEN now() ELSE finished_at END,
                state = CASE WHEN state = 'running' AND done + $2 = total THEN 'done' ELSE state END
            WHERE id = $1 RETURNING done""";

    /** A scan of the owner in parameter $1, or of any client when $1 is null (ScanStore). */
    private static final String OWNED = "($1::text IS NULL OR client = $1)";

    private static final String COUNTS = "SELECT scan_id, kind, key, n FROM scan_counts WHERE scan_id = ANY($1)";

    /** Adds a chunk's counts; after COUNT_DONE, whose row lock makes the completions of a scan take turns. */
    private static final String ADD_COUNTS = """
            INSERT INTO scan_counts (scan_id, kind, key, n) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])
            ON CONFLICT (scan_id, kind, key) DO UPDATE SET n = scan_counts.n + excluded.n""";

    /**
     * Each scan's first result per target, from the target after $3 on; pairs whose summaries differ,
     * the title and body hash only where both read the body, the TLS columns only where both made a
     * TLS scan (as ResultChange.of compares them).
     * A result not stored yet in either scan is simply not part of the join.
     */
    private static final String DIFF = """
            WITH a AS (SELECT DISTINCT ON (target) target, status, error, grade, tls_days_left_bucket(tls_days_left) AS bucket,
                              title, body_sha256, tls_grade, tls_protocols, tls_weak
                       FROM scan_results WHERE scan_id = $1 AND target > $3 ORDER BY target, seq),
                 b AS (SELECT DISTINCT ON (target) target, status, error, grade, tls_days_left_bucket(tls_days_left) AS bucket,
                              title, body_sha256, tls_grade, tls_protocols, tls_weak
                       FROM scan_results WHERE scan_id = $2 AND target > $3 ORDER BY target, seq)
            SELECT a.target, b.status AS b_status, b.error AS b_error, b.grade AS b_grade, b.bucket AS b_bucket,
                   b.title AS b_title, b.body_sha256 AS b_body_sha256,
                   b.tls_grade AS b_tls_grade, b.tls_protocols AS b_tls_protocols, b.tls_weak AS b_tls_weak,
                   a.status AS a_status, a.error AS a_error, a.grade AS a_grade, a.bucket AS a_bucket,
                   a.title AS a_title, a.body_sha256 AS a_body_sha256,
                   a.tls_grade AS a_tls_grade, a.tls_protocols AS a_tls_protocols, a.tls_weak AS a_tls_weak
            FROM a JOIN b ON b.target = a.target
            WHERE (a.status, a.error, a.grade, a.bucket) IS DISTINCT FROM (b.status, b.error, b.grade, b.bucket)
               OR (a.body_sha256 IS NOT NULL AND b.body_sha256 IS NOT NULL
                   AND (a.title, a.body_sha256) IS DISTINCT FROM (b.title, b.body_sha256))
               OR (a.tls_protocols IS NOT NULL AND b.tls_protocols IS NOT NULL
                   AND (a.tls_grade, a.tls_protocols, a.tls_weak) IS DISTINCT FROM (b.tls_grade, b.tls_protocols, b.tls_weak))
            ORDER BY a.target LIMIT $4""";

    /**
     * One statement, so that a scan goes whole; the tables have no foreign keys to cascade. A
     * scan that ended keeps only its results and counts: its targets and hosts served the claims.
     */
    private static final String EXPIRE = """
            WITH gone AS (DELETE FROM scans WHERE state IN ('done', 'cancelled')
                              AND finished_at < now() - make_interval(secs => $1) RETURNING id),
                 results AS (DELETE FROM scan_results WHERE scan_id IN (SELECT id FROM gone)),
                 counts AS (DELETE FROM scan_counts WHERE scan_id IN (SELECT id FROM gone)),
                 chunks AS (DELETE FROM scan_chunks WHERE scan_id IN (SELECT id FROM gone)),
                 ended AS (SELECT id FROM scans WHERE state IN ('done', 'cancelled')),
                 hosts AS (DELETE FROM scan_hosts WHERE scan_id IN (SELECT id FROM ended)),
                 targets AS (DELETE FROM scan_targets WHERE scan_id IN (SELECT id FROM ended))
            SELECT count(*) FROM gone""";

    private final Pool pool;
    private final ScanConfig config;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile long active;
    private volatile long activeCountedAt;

    PgStore(Pool pool, ScanConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<Void> open() {
        return Migrations.apply(pool);
    }

    @Override
    public Draft draft() {
        return new PgDraft();
    }

    /**
     * The targets go to a spool file at the client's pace, and into the database only at commit, in
     * one transaction that takes as long as the database needs, not as long as the upload: a slow
     * upload holds no pooled connection. Blocking, on a worker thread.
     */
    private final class PgDraft implements Draft {
        private final UUID id = UUID.randomUUID();
        private TargetSpool spool;

        @Override
        public void add(List<String> targets) {
            if (spool == null) {
                spool = TargetSpool.create();
            }
            spool.add(targets);
        }

        @Override
        public Scan commit(ScanSpec spec, ScanQuota quota) {
            int count = spool == null ? 0 : spool.count();
            SqlConnection connection = pool.getConnection().await().indefinitely();
            try {
                // Closing the connection with its transaction still open (any throw below) rolls it back.
                Transaction transaction = connection.begin().await().indefinitely();
                admit(connection, spec.client(), quota, count);
                if (spool != null) {
                    spool.read(INSERT_BATCH, (first, targets) -> insertTargets(connection, first, targets));
                }
                connection.preparedQuery(CHUNK_HOSTS).execute(Tuple.of(id, config.chunkSize())).await().indefinitely();
                connection.preparedQuery("INSERT INTO scan_chunks (scan_id, chunk) SELECT DISTINCT scan_id, chunk "
                        + "FROM scan_hosts WHERE scan_id = $1").execute(Tuple.of(id)).await().indefinitely();
                connection.preparedQuery("INSERT INTO scans (id, name, options, state, total, client) "
                        + "VALUES ($1, $2, $3, 'queued', $4, $5)")
                        .execute(Tuple.of(id, spec.name(), spec.options(), count, spec.client())).await().indefinitely();
                transaction.commit().await().indefinitely();
            } finally {
                connection.close().await().indefinitely();
                abort();
            }
            return find(id.toString(), spec.client()).await().indefinitely();
        }

        private void insertTargets(SqlConnection connection, int first, List<String> targets) {
            Integer[] seqs = new Integer[targets.size()];
            String[] hosts = new String[targets.size()];
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = first + i;
                hosts[i] = Hosts.of(targets.get(i));
            }
            connection.preparedQuery("INSERT INTO scan_targets (scan_id, seq, host, target) "
                    + "SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])")
                    .execute(Tuple.of(id, seqs, hosts, targets.toArray(String[]::new))).await().indefinitely();
        }

        @Override
        public void abort() {
            if (spool != null) {
                spool.delete();
                spool = null;
            }
        }
    }

    /**
     * Counts the client's scans under a transaction-long advisory lock on the client, so that
     * submissions on any instance are admitted one after another.
     */
    private static void admit(SqlConnection connection, String client, ScanQuota quota, int targets) {
        connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('headprobe scan client'), hashtext($1))")
                .execute(Tuple.of(client)).await().indefinitely();
        Row usage = connection.preparedQuery("SELECT statement_timestamp() AS now, "
                + "count(*) FILTER (WHERE state IN ('queued', 'running')) AS active FROM scans WHERE client = $1")
                .execute(Tuple.of(client)).await().indefinitely().iterator().next();
        List<ScanQuota.Submitted> lastDay = new ArrayList<>();
        connection.preparedQuery("SELECT created_at, total FROM scans WHERE client = $1 AND created_at > $2 ORDER BY created_at")
                .execute(Tuple.of(client, usage.getOffsetDateTime("now").minus(ScanQuota.WINDOW))).await().indefinitely()
                .forEach(row -> lastDay.add(new ScanQuota.Submitted(instant(row.getOffsetDateTime("created_at")),
                        row.getLong("total"))));
        quota.admit(usage.getLong("active"), lastDay, targets, instant(usage.getOffsetDateTime("now")));
    }

    @Override
    public Uni<Scan> find(String id, String owner) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT " + SCAN_COLUMNS + " FROM scans WHERE " + OWNED + " AND id = $2")
                .execute(Tuple.of(owner, uuid))
                .chain(this::withCounts)
                .map(scans -> scans.isEmpty() ? null : scans.get(0));
    }

    @Override
    public Uni<List<Scan>> list(String owner, int offset, int limit) {
        return pool.preparedQuery("SELECT " + SCAN_COLUMNS + " FROM scans WHERE " + OWNED
                + " ORDER BY created_at DESC, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(owner, limit, offset))
                .chain(this::withCounts);
    }

    private Uni<List<Scan>> withCounts(RowSet<Row> scans) {
        List<Row> rows = StreamSupport.stream(scans.spliterator(), false).toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        UUID[] ids = rows.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
        return pool.preparedQuery(COUNTS).execute(Tuple.of(ids)).map(counts -> {
            Map<String, Map<String, Map<String, Long>>> byScan = new HashMap<>();
            for (Row count : counts) {
                byScan.computeIfAbsent(count.getUUID("scan_id").toString(), id -> new HashMap<>())
                        .computeIfAbsent(count.getString("kind"), kind -> new TreeMap<>())
                        .put(count.getString("key"), count.getLong("n"));
            }
            return rows.stream().map(row -> scan(row, byScan.getOrDefault(row.getUUID("id").toString(), Map.of())))
                    .toList();
        });
    }

    private static Scan scan(Row row, Map<String, Map<String, Long>> counts) {
        long done = row.getLong("done");
        long ok = row.getLong("ok");
        return Scan.of(row.getUUID("id").toString(), row.getString("name"), ScanState.valueOf(row.getString("state")),
                row.getLong("total"), done, ok, done - ok, counts.getOrDefault("status", Map.of()),
                counts.getOrDefault("error", Map.of()), counts.getOrDefault("grade", Map.of()),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")));
    }

    /** Page after page from the cursor on, so that a million results never sit in memory at once. */
    @Override
    public Multi<StoredResult> results(String id, long after) {
        UUID uuid = uuid(id);
        long[] last = { after };
        return paged(() -> pool.preparedQuery("SELECT position, seq, target, url, ok, status, error, grade, total_ms, "
                + "tls_days_left, title, body_sha256, tls_grade, tls_protocols, tls_weak, result FROM scan_results WHERE scan_id = $1 AND position > $2 ORDER BY position LIMIT $3")
                .execute(Tuple.of(uuid, last[0], PAGE))
                .map(rows -> {
                    List<StoredResult> page = new ArrayList<>();
                    rows.forEach(row -> page.add(stored(row)));
                    if (!page.isEmpty()) {
                        last[0] = page.get(page.size() - 1).position();
                    }
                    return page;
                }));
    }

    /** Pages until one comes back short. */
    private static <T> Multi<T> paged(Supplier<Uni<List<T>>> nextPage) {
        return Multi.createBy().repeating()
                .<List<T>> uni(nextPage::get)
                .whilst(page -> page.size() == PAGE)
                .onItem().disjoint();
    }

    /** A merge join of the two scans' results on the (scan_id, target, seq) index, a page of targets at a time. */
    @Override
    public Multi<ResultChange> diff(String id, String base) {
        String[] last = { "" };
        return paged(() -> pool.preparedQuery(DIFF).execute(Tuple.of(uuid(id), uuid(base), last[0], PAGE))
                .map(rows -> {
                    List<ResultChange> page = new ArrayList<>();
                    rows.forEach(row -> page.add(ResultChange.of(row.getString("target"), summary(row, "b_"),
                            summary(row, "a_"))));
                    if (!page.isEmpty()) {
                        last[0] = page.get(page.size() - 1).target();
                    }
                    return page;
                }));
    }

    private static ResultSummary summary(Row row, String prefix) {
        return new ResultSummary(row.getInteger(prefix + "status"), row.getString(prefix + "error"),
                row.getString(prefix + "grade"), row.getString(prefix + "bucket"), row.getString(prefix + "title"),
                row.getString(prefix + "body_sha256"), row.getString(prefix + "tls_grade"),
                TlsColumns.list(row.getString(prefix + "tls_protocols")), TlsColumns.list(row.getString(prefix + "tls_weak")));
    }

    /** At most one count query per headprobe.scan.active-count-interval; a scrape never waits for it. */
    @Override
    public long activeScans() {
        long now = System.currentTimeMillis();
        if (now - activeCountedAt >= config.activeCountInterval().toMillis() && counting.compareAndSet(false, true)) {
            pool.query("SELECT count(*) FROM scans WHERE state IN ('queued', 'running')").execute()
                    .subscribe().with(rows -> {
                        active = rows.iterator().next().getLong(0);
                        activeCountedAt = System.currentTimeMillis();
                        counting.set(false);
                    }, failure -> counting.set(false));
        }
        return active;
    }

    private static StoredResult stored(Row row) {
        return new StoredResult(row.getLong("position"), row.getInteger("seq"), row.getString("target"),
                row.getString("url"), row.getBoolean("ok"), row.getInteger("status"), row.getString("error"),
                row.getString("grade"), row.getDouble("total_ms"), row.getInteger("tls_days_left"), row.getString("title"),
                row.getString("body_sha256"), new TlsColumns(row.getString("tls_grade"), row.getString("tls_protocols"),
                        row.getString("tls_weak")), row.getString("result"));
    }

    @Override
    public Uni<Long> expire(Duration retention) {
        return pool.preparedQuery(EXPIRE).execute(Tuple.of(retention.toMillis() / 1000.0))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    @Override
    public Uni<Scan> cancel(String id, String owner) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("UPDATE scans SET state = 'cancelled', finished_at = now() "
                + "WHERE " + OWNED + " AND id = $2 AND state IN ('queued', 'running')").execute(Tuple.of(owner, uuid))
                .chain(() -> find(id, owner));
    }

    @Override
    public Uni<Chunk> claim(String worker) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(worker, config.lease().toMillis() / 1000.0))
                .chain(claimed -> claimed.size() == 0 ? Uni.createFrom().nullItem() : chunk(connection, claimed.iterator().next())));
    }

    private static Uni<Chunk> chunk(SqlConnection connection, Row claimed) {
        UUID scan = claimed.getUUID("scan_id");
        int number = claimed.getInteger("chunk");
        int claim = claimed.getInteger("claims");
        return connection.preparedQuery(CLAIMED).execute(Tuple.of(scan))
                .map(rows -> rows.iterator().next().getString("options"))
                .chain(options -> connection.preparedQuery("SELECT t.seq, t.target FROM scan_targets t "
                        + "JOIN scan_hosts h ON h.scan_id = t.scan_id AND h.host = t.host "
                        + "WHERE h.scan_id = $1 AND h.chunk = $2 ORDER BY t.seq").execute(Tuple.of(scan, number))
                        .map(rows -> {
                            List<Chunk.Target> targets = new ArrayList<>();
                            rows.forEach(row -> targets.add(new Chunk.Target(row.getInteger("seq"), row.getString("target"))));
                            return new Chunk(scan.toString(), number, claim, options, targets);
                        }));
    }

    @Override
    public Uni<Void> release(String worker, Chunk chunk) {
        return pool.preparedQuery("UPDATE scan_chunks SET owner = NULL, lease_until = NULL WHERE " + HELD)
                .execute(held(worker, chunk))
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> renew(String worker, Chunk chunk) {
        return pool.preparedQuery("UPDATE scan_chunks SET lease_until = now() + make_interval(secs => $5) WHERE " + HELD)
                .execute(held(worker, chunk).addDouble(config.lease().toMillis() / 1000.0))
                .map(renewed -> renewed.rowCount() == 1);
    }

    private static Tuple held(String worker, Chunk chunk) {
        return Tuple.of(UUID.fromString(chunk.scanId()), chunk.number(), worker, chunk.claim());
    }

    @Override
    public Uni<Void> complete(String worker, Chunk chunk, List<ResultToStore> results) {
        UUID scan = UUID.fromString(chunk.scanId());
        long ok = results.stream().filter(result -> result.result().ok()).count();
        return pool.withTransaction(connection -> connection.preparedQuery("UPDATE scan_chunks SET done = true, lease_until = NULL "
                + "WHERE " + HELD)
                .execute(held(worker, chunk))
                .chain(marked -> marked.rowCount() == 0
                        // Claimed again since (this claim's lease ran out): the new claim's results will count.
                        ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(COUNT_DONE).execute(Tuple.of(scan, results.size(), ok))
                                .map(rows -> rows.iterator().next().getLong("done") - results.size())
                                .chain(before -> insert(connection, scan, before, results))));
    }

    private static Uni<Void> insert(SqlConnection connection, UUID scan, long before, List<ResultToStore> results) {
        List<Tuple> rows = new ArrayList<>();
        Map<List<String>, Long> counts = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            ResultToStore result = results.get(i);
            StoredResult stored = StoredResult.of(before + i + 1, result.seq(), result.result(), result.json());
            rows.add(Tuple.from(List.of(scan, stored.position(), stored.seq(), stored.target()))
                    .addString(stored.url()).addBoolean(stored.ok()).addInteger(stored.status()).addString(stored.error())
                    .addString(stored.grade()).addDouble(stored.totalMs()).addInteger(stored.tlsDaysLeft())
                    .addString(stored.title()).addString(stored.bodySha256()).addString(stored.tlsScan().grade())
                    .addString(stored.tlsScan().protocols()).addString(stored.tlsScan().weak()).addString(stored.json()));
            stored.countedAs().forEach((kind, key) -> counts.merge(List.of(kind, key), 1L, Long::sum));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("INSERT INTO scan_results (scan_id, position, seq, target, url, ok, status, error, "
                        + "grade, total_ms, tls_days_left, title, body_sha256, tls_grade, tls_protocols, tls_weak, result) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)")
                        .executeBatch(rows)
                        .chain(() -> addCounts(connection, scan, counts));
    }

    private static Uni<Void> addCounts(SqlConnection connection, UUID scan, Map<List<String>, Long> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map.Entry<List<String>, Long>> entries = List.copyOf(counts.entrySet());
        return connection.preparedQuery(ADD_COUNTS).execute(Tuple.of(scan,
                entries.stream().map(entry -> entry.getKey().get(0)).toArray(String[]::new),
                entries.stream().map(entry -> entry.getKey().get(1)).toArray(String[]::new),
                entries.stream().map(Map.Entry::getValue).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
