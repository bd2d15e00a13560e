package io.headprobe.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.InjectableInstance;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * PostgreSQL when quarkus.datasource.reactive.url is set (the datasource is then active),
 * otherwise memory: the service runs with no setup.
 */
@ApplicationScoped
class Stores {

    @Produces
    @ApplicationScoped
    ScanStore store(InjectableInstance<Pool> pools, ScanConfig config) {
        return pools.listActive().stream().findFirst()
                .<ScanStore> map(pool -> new PgStore(pool, config))
                .orElseGet(() -> new MemoryStore(config.chunkSize(), config.lease(), config.memoryMaxScans()));
    }
}
