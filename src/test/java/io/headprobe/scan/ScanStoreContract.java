package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.headprobe.probe.ProbeResult;

/**
 * What a worker may rely on from any store, run against each (MemoryStoreTest, PgStoreTest):
 * claims, leases and their fencing, giving back, completing.
 */
abstract class ScanStoreContract {

    /** A fresh, empty store cutting scans into chunks of {@code chunkSize} targets, leasing chunks for {@code lease}. */
    abstract ScanStore store(int chunkSize, Duration lease);

    @Test
    void aRenewalKeepsALeaseThatIsStillHeld() {
        ScanStore store = store(500, Duration.ofMinutes(1));
        submit(store, "c", List.of("http://a.test/"));
        Chunk chunk = store.claim("w").await().indefinitely();
        assertTrue(store.renew("w", chunk).await().indefinitely());
        assertEquals(null, store.claim("other").await().indefinitely(), "still leased");
    }

    /**
     * A lease of zero has run out by the next step: the same loop name claims the chunk again, and
     * the older claim can neither renew, give back nor complete it: the claim counter fences it off.
     */
    @Test
    void aClaimWhoseLeaseRanOutIsFencedOffEvenUnderTheSameName() {
        ScanStore store = store(500, Duration.ZERO);
        List<String> targets = IntStream.range(0, 3).mapToObj(i -> "http://a.test/" + i).toList();
        String id = submit(store, "c", targets);

        Chunk stale = store.claim("w").await().indefinitely();
        Chunk fresh = store.claim("w").await().indefinitely();
        assertEquals(stale.number(), fresh.number());
        assertTrue(fresh.claim() > stale.claim(), "the claim counter moves on with each claim");

        assertFalse(store.renew("w", stale).await().indefinitely(), "a lost lease is reported as lost");
        store.release("w", stale).await().indefinitely();
        store.complete("w", stale, results(stale, "stale")).await().indefinitely();
        assertEquals(0, store.find(id).await().indefinitely().done(), "a claim that lost its lease stores nothing");

        store.complete("w", fresh, results(fresh, "fresh")).await().indefinitely();
        Scan scan = store.find(id).await().indefinitely();
        assertEquals(ScanState.done, scan.state());
        assertEquals(3, scan.done());
        assertEquals(List.of("fresh"), store.results(id, 0).map(StoredResult::url).collect().asList()
                .await().indefinitely().stream().distinct().toList());
        assertFalse(store.renew("w", fresh).await().indefinitely(), "a done chunk has no lease to renew");
    }

    /**
     * One client's big scan does not hold the workers while another client waits: claims take
     * turns by client, and within a client by scan (chunks of one host each here).
     */
    @Test
    void clientsTakeTurnsAndSoDoEachClientsScans() {
        ScanStore store = store(1, Duration.ofMinutes(1));
        String big = submit(store, "big", hosts("big", 4));
        String other = submit(store, "big", hosts("other", 2));
        String small = submit(store, "small", hosts("small", 2));
        List<String> order = IntStream.range(0, 8).mapToObj(i -> store.claim("w").await().indefinitely().scanId()).toList();
        assertEquals(List.of(big, small, other, small, big, other, big, big), order);
    }

    private static List<String> hosts(String name, int count) {
        return IntStream.range(0, count).mapToObj(i -> "http://" + name + i + ".test/").toList();
    }

    static String submit(ScanStore store, String client, List<String> targets) {
        ScanStore.Draft draft = store.draft();
        draft.add(targets);
        return draft.commit(new ScanSpec("test", "{}", client), ScanQuota.NONE).id();
    }

    /** A 204 for every target of the chunk, with {@code url} telling which claim stored it. */
    static List<ScanStore.ResultToStore> results(Chunk chunk, String url) {
        return chunk.targets().stream().map(target -> new ScanStore.ResultToStore(target.seq(),
                new ProbeResult(target.target(), url, true, 204, "HTTP/1.1", List.of(), List.of(), null, "127.0.0.1",
                        List.of(), null, null, null),
                "{}")).toList();
    }
}
