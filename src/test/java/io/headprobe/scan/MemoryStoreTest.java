package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headprobe.problem.ProblemException;

/** The in-memory store on its own: the store contract, per-client quotas, its bound. */
class MemoryStoreTest extends ScanStoreContract {

    final MemoryStore store = store(500, Duration.ofMinutes(1));

    @Override
    MemoryStore store(int chunkSize, Duration lease) {
        return new MemoryStore(chunkSize, lease, 1000);
    }

    @Test
    void aClientsQuotaCountsOnlyItsOwnScans() {
        ScanQuota oneAtATime = new ScanQuota(1, 0);
        submit("a", oneAtATime);
        submit("b", oneAtATime);
        ProblemException refused = assertThrows(ProblemException.class, () -> submit("a", oneAtATime));
        assertEquals(429, refused.problem().status());
    }

    /** Room for 3 scans: a new one pushes out the oldest that ended, never one still open. */
    @Test
    void aFullStoreForgetsItsOldestFinishedScansFirst() {
        MemoryStore small = new MemoryStore(500, Duration.ofMinutes(1), 3);
        String first = submit(small, "c", ScanQuota.NONE);
        String second = submit(small, "c", ScanQuota.NONE);
        String third = submit(small, "c", ScanQuota.NONE);
        small.cancel(third, null).await().indefinitely();
        small.cancel(first, null).await().indefinitely();

        String fourth = submit(small, "c", ScanQuota.NONE);
        assertNull(small.find(first, null).await().indefinitely(), "the oldest that ended goes first");
        String fifth = submit(small, "c", ScanQuota.NONE);
        assertNull(small.find(third, null).await().indefinitely());

        String sixth = submit(small, "c", ScanQuota.NONE);
        for (String open : List.of(second, fourth, fifth, sixth)) {
            assertNotNull(small.find(open, null).await().indefinitely(), "scans still open stay, even past the bound");
        }
    }

    private String submit(String client, ScanQuota quota) {
        return submit(store, client, quota);
    }

    private static String submit(MemoryStore store, String client, ScanQuota quota) {
        ScanStore.Draft draft = store.draft();
        draft.add(List.of("http://a.test/"));
        return draft.commit(new ScanSpec(null, "{}", client), quota).id();
    }
}
