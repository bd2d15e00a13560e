package io.headprobe.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the application at a fresh database of the embedded PostgreSQL: scans are stored there. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return EmbeddedPg.quarkusConfig(EmbeddedPg.createDatabase());
    }

    @Override
    public void stop() {
        // The server stops with the JVM; the database is left for whoever wants to look at it.
    }
}
