package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headprobe.problem.ProblemException;

/** The in-memory store on its own: the store contract, and per-client quotas. */
class MemoryStoreTest extends ScanStoreContract {

    final MemoryStore store = store(500, Duration.ofMinutes(1));

    @Override
    MemoryStore store(int chunkSize, Duration lease) {
        return new MemoryStore(chunkSize, lease);
    }

    @Test
    void aClientsQuotaCountsOnlyItsOwnScans() {
        ScanQuota oneAtATime = new ScanQuota(1, 0);
        submit("a", oneAtATime);
        submit("b", oneAtATime);
        ProblemException refused = assertThrows(ProblemException.class, () -> submit("a", oneAtATime));
        assertEquals(429, refused.problem().status());
    }

    private String submit(String client, ScanQuota quota) {
        ScanStore.Draft draft = store.draft();
        draft.add(List.of("http://a.test/"));
        return draft.commit(new ScanSpec(null, "{}", client), quota).id();
    }
}
