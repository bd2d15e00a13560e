package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.body.BodyFacts;
import io.headprobe.probe.ProbeResult;

/**
 * What a worker may rely on from any store, run against each (MemoryStoreTest, PgStoreTest):
 * claims, leases and their fencing, giving back, completing, cancelling, the claim count that
 * poison chunks are judged by, and fair turns.
 */
abstract class ScanStoreContract {

    /** A fresh, empty store cutting scans into chunks of {@code chunkSize} targets, leasing chunks for {@code lease}. */
    abstract ScanStore store(int chunkSize, Duration lease);

    @Test
    void eachChunkGoesToOneWorkerAndHoldsWholeHosts() {
        ScanStore store = store(2, Duration.ofMinutes(1));
        // Three hosts of 3, 1 and 2 targets: a host is never split, whatever the chunk size.
        String id = submit(store, "c", List.of("http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/",
                "http://c.test/1", "http://c.test/2"));

        Set<Integer> numbers = new HashSet<>();
        Set<String> hostsSeen = new HashSet<>();
        for (String worker : List.of("w1", "w2", "w3")) {
            Chunk chunk = store.claim(worker).await().indefinitely();
            assertEquals(id, chunk.scanId());
            assertEquals(1, chunk.claim(), "a first claim");
            numbers.add(chunk.number());
            Set<String> hosts = new HashSet<>();
            chunk.targets().forEach(target -> hosts.add(Hosts.of(target.target())));
            hosts.forEach(host -> assertTrue(hostsSeen.add(host), host + " in two chunks"));
        }
        assertEquals(Set.of("a.test", "b.test", "c.test"), hostsSeen);
        assertEquals(3, numbers.size());
        assertNull(store.claim("w4").await().indefinitely(), "every chunk is leased");
        assertEquals(ScanState.running, store.find(id, null).await().indefinitely().state());
    }

    @Test
    void aRenewalKeepsALeaseThatIsStillHeld() {
        ScanStore store = store(500, Duration.ofMinutes(1));
        submit(store, "c", List.of("http://a.test/"));
        Chunk chunk = store.claim("w").await().indefinitely();
        assertTrue(store.renew("w", chunk).await().indefinitely());
        assertNull(store.claim("other").await().indefinitely(), "still leased");
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
        assertEquals(0, store.find(id, null).await().indefinitely().done(), "a claim that lost its lease stores nothing");

        store.complete("w", fresh, results(fresh, "fresh")).await().indefinitely();
        Scan scan = store.find(id, null).await().indefinitely();
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

    @Test
    void aChunkItsWorkerGaveBackIsClaimableAtOnceAndItsClaimsAreCounted() {
        ScanStore store = store(500, Duration.ofMinutes(1));
        submit(store, "c", List.of("http://a.test/"));
        // A poison chunk: every run fails and gives it back; the claim count is what the worker gives up by.
        for (int claim = 1; claim <= 3; claim++) {
            Chunk chunk = store.claim("failing").await().indefinitely();
            assertEquals(claim, chunk.claim());
            assertNull(store.claim("other").await().indefinitely(), "leased for a minute");
            store.release("failing", chunk).await().indefinitely();
        }
        assertEquals(4, store.claim("other").await().indefinitely().claim());
    }

    /** Completing stores one result per target, once: a second completion and later claims find nothing. */
    @Test
    void aCompletedChunkIsStoredOnceAndTheScanEnds() {
        ScanStore store = store(500, Duration.ofMinutes(1));
        List<String> targets = IntStream.range(0, 5).mapToObj(i -> "http://a.test/" + i).toList();
        String id = submit(store, "c", targets);
        Chunk chunk = store.claim("w").await().indefinitely();
        store.complete("w", chunk, results(chunk, "first")).await().indefinitely();
        store.complete("w", chunk, results(chunk, "again")).await().indefinitely();

        Scan scan = store.find(id, null).await().indefinitely();
        assertEquals(ScanState.done, scan.state());
        assertEquals(5, scan.done());
        assertEquals(5, scan.ok());
        List<StoredResult> stored = store.results(id, 0).collect().asList().await().indefinitely();
        assertEquals(targets, stored.stream().map(StoredResult::target).sorted().toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), stored.stream().map(StoredResult::position).toList());
        assertEquals(List.of("first"), stored.stream().map(StoredResult::url).distinct().toList());
        assertNull(store.claim("late").await().indefinitely());
    }

    /**
     * A result with body facts is stored whole (the NDJSON and CSV exports read its JSON) and with
     * the title and body hash that a diff compares; one without keeps them null.
     */
    @Test
    void aResultsBodyFactsAreStoredWithIt() throws Exception {
        ScanStore store = store(500, Duration.ofMinutes(1));
        String id = submit(store, "c", List.of("http://a.test/page", "http://a.test/head"));
        Chunk chunk = store.claim("w").await().indefinitely();
        ObjectMapper json = new ObjectMapper();
        ProbeResult page = results(chunk, "u").get(0).result().withTarget("http://a.test/page")
                .withBody(new BodyFacts(5, 5, false, null, "ab".repeat(32), "-1", "<b>Shop</b>", 1, 1, null, null));
        ProbeResult head = results(chunk, "u").get(0).result().withTarget("http://a.test/head");
        store.complete("w", chunk, List.of(new ScanStore.ResultToStore(0, page, json.writeValueAsString(page)),
                new ScanStore.ResultToStore(1, head, json.writeValueAsString(head)))).await().indefinitely();

        List<StoredResult> stored = store.results(id, 0).collect().asList().await().indefinitely();
        StoredResult withBody = stored.stream().filter(result -> result.seq() == 0).findFirst().orElseThrow();
        assertEquals(List.of("<b>Shop</b>", "ab".repeat(32)), List.of(withBody.title(), withBody.bodySha256()));
        assertEquals("<b>Shop</b>", withBody.line(json, id).at("/body/title").asText());
        StoredResult without = stored.stream().filter(result -> result.seq() == 1).findFirst().orElseThrow();
        assertNull(without.title());
        assertNull(without.bodySha256());
    }

    @Test
    void aCancelledScanHasNoChunkToClaimAndStaysCancelled() {
        ScanStore store = store(1, Duration.ofMinutes(1));
        String id = submit(store, "c", List.of("http://a.test/", "http://b.test/"));
        Chunk running = store.claim("w").await().indefinitely();
        assertEquals(ScanState.cancelled, store.cancel(id, null).await().indefinitely().state());
        assertNull(store.claim("w").await().indefinitely());
        // The chunk that was running when the scan was cancelled may still store what it found.
        store.complete("w", running, results(running, "late")).await().indefinitely();
        Scan scan = store.find(id, null).await().indefinitely();
        assertEquals(ScanState.cancelled, scan.state());
        assertEquals(1, scan.done());
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
