import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The benchmark's PostgreSQL: zonky's embedded one from the test dependencies (the server the
 * tests use, nothing to install), in a fresh data directory. Prints "ready PORT POSTMASTER_PID",
 * then "settings" and the server's version and durability settings (zonky's are not PostgreSQL's
 * defaults: fsync and synchronous_commit are off; BENCH_PG_DURABLE=1 turns them on), then answers each "stats" line on stdin with the rows written to the database "bench" so far
 * (inserted, updated, deleted, from pg_stat_database) and stops at "quit" or the end of stdin.
 * Run: java -cp TEST_CLASSPATH BenchPg.java
 */
public class BenchPg {

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("bench-pg");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true);
        if ("1".equals(System.getenv("BENCH_PG_DURABLE"))) {
            // PostgreSQL's own defaults, which a production database keeps: every commit waits for its WAL on disk.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on");
        }
        try (EmbeddedPostgres pg = builder.start()) {
            StringBuilder settings = new StringBuilder("settings");
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
                for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "shared_buffers", "max_wal_size"}) {
                    ResultSet value = s.executeQuery("SHOW " + name);
                    value.next();
                    settings.append(' ').append(name).append('=').append(value.getString(1));
                }
            }
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            System.out.println("ready " + pg.getPort() + " " + pid);
            System.out.println(settings);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null && !line.equals("quit");) {
                try (Connection c = pg.getDatabase("postgres", "bench").getConnection(); Statement s = c.createStatement()) {
                    // The statistics collector reports with a delay; this makes the figures current.
                    s.execute("SELECT pg_stat_clear_snapshot()");
                    ResultSet rows = s.executeQuery("SELECT tup_inserted, tup_updated, tup_deleted, xact_commit"
                            + " FROM pg_stat_database WHERE datname = 'bench'");
                    rows.next();
                    System.out.println(rows.getLong(1) + " " + rows.getLong(2) + " " + rows.getLong(3) + " " + rows.getLong(4));
                    System.out.flush();
                }
            }
        }
    }
}
