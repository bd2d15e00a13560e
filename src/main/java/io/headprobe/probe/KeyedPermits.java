package io.headprobe.probe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * At most {@code perKey} fetches at once for the same key (a host name or an address), across all
 * requests. A key's queue exists only while someone holds or waits for one of its permits.
 */
final class KeyedPermits {

    private final int perKey;
    private final Map<String, Users> users = new ConcurrentHashMap<>();

    /** {@code perKey} of 0 or less means no limit. */
    KeyedPermits(int perKey) {
        this.perKey = perKey;
    }

    <T> Uni<T> withPermit(String key, Supplier<Uni<T>> work) {
        if (perKey <= 0) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().deferred(() -> {
            Users entry = users.compute(key, (k, existing) -> (existing == null ? new Users(perKey) : existing).join());
            return entry.permits.withPermit(work).onTermination().invoke(() -> users.computeIfPresent(key,
                    (k, existing) -> existing.leave()));
        });
    }

    /** Keys with a permit held or awaited; for tests and metrics. */
    int activeKeys() {
        return users.size();
    }

    /** Only touched inside the map's compute functions, which serialise per key. */
    private static final class Users {
        final FetchPermits permits;
        int count;

        Users(int perKey) {
            permits = new FetchPermits(perKey);
        }

        Users join() {
            count++;
            return this;
        }

        Users leave() {
            return --count == 0 ? null : this;
        }
    }
}
