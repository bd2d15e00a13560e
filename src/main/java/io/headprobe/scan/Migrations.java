package io.headprobe.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The scan schema from versioned SQL files (src/main/resources/db/migration/V{n}__{what}.sql),
 * applied at start-up in one transaction. Flyway would need JDBC; this needs a dozen lines. An
 * advisory lock makes instances that start together apply each version once.
 */
final class Migrations {

    /**
     * In order; a new version is a new file added here, never an edit of an applied one. Every
     * version not yet applied is applied, not only those above the highest: versions written on
     * two branches at once (V2 and V3 did) arrive in either order and each is applied once.
     */
    static final List<String> FILES = List.of("V1__scans.sql", "V2__scan_diff.sql", "V3__scan_clients.sql",
            "V4__scan_counts.sql", "V5__scan_fair_claims.sql", "V6__scan_body_diff.sql",
            "V7__scan_tls_diff.sql");

    /** Any constant that other users of the database are unlikely to pick: "HeadProb". */
    private static final long LOCK = 0x4865616450726f62L;

    private Migrations() {
    }

    static Uni<Void> apply(Pool pool) {
        return pool.withTransaction(connection -> connection.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .chain(() -> connection.query("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
                        + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
                .chain(() -> connection.query("SELECT version FROM schema_version").execute())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getInteger("version"))
                        .collect(Collectors.toSet()))
                .chain(applied -> Multi.createFrom().iterable(FILES)
                        .filter(file -> !applied.contains(version(file)))
                        .onItem().transformToUniAndConcatenate(file -> run(connection, file))
                        .collect().last()))
                .replaceWithVoid();
    }

    private static Uni<Void> run(SqlConnection connection, String file) {
        // A simple query: one round trip that may hold many statements.
        return connection.query(read(file)).execute()
                .chain(() -> connection.preparedQuery("INSERT INTO schema_version (version, script) VALUES ($1, $2)")
                        .execute(Tuple.of(version(file), file)))
                .replaceWithVoid();
    }

    static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream("db/migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("db/migration/" + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
