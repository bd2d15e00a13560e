package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.RawServer;

/**
 * Two HeadProbe processes (the artifact this build produced) on one PostgreSQL run a scan of
 * 20,000 loopback targets on 40 hosts; one is killed with SIGKILL mid-scan. The scan still ends
 * with exactly one result per target, and no host ever saw more connections at once than one
 * instance's per-host limit allows: a host is worked on by one instance at a time.
 */
class ScanFaultIT {

    static final int HOSTS = 40;
    static final int PER_HOST = 500;
    static final int PER_HOST_CONCURRENCY = 4;

    final ScanInstances instances = new ScanInstances("scan-fault");

    @AfterEach
    void stop() throws InterruptedException {
        instances.close();
    }

    /** How many instances hold a chunk that is not done (an owner is "instance/loop"). */
    private static final String HOLDERS = "SELECT count(DISTINCT split_part(owner, '/', 1)) FROM scan_chunks WHERE NOT done AND owner IS NOT NULL";

    @Test
    void sigkillOfOneInstanceLosesAndDuplicatesNothing() throws Exception {
        AtomicInteger[] open = new AtomicInteger[HOSTS];
        AtomicInteger[] most = new AtomicInteger[HOSTS];
        // Closed while the test picks its moment: no chunk can complete then, so who holds what stays put.
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
        // 127.0.0.1 to 127.0.0.40: forty hosts, all loopback.
        List<String> targets = instances.targetsOnHosts(1, HOSTS, PER_HOST, h -> {
            AtomicInteger now = open[h] = new AtomicInteger();
            AtomicInteger max = most[h] = new AtomicInteger();
            // Counted from the request head read to just before the answer: that lies inside the time the
            // client holds its per-host permit, so two instances on one host would show up as more than 4.
            // The 2 ms are the server being slow, so that a host's requests overlap.
            return socket -> {
                RawServer.readHead(socket.getInputStream());
                gate.get().await(1, TimeUnit.MINUTES);
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(2);
                } finally {
                    now.decrementAndGet();
                }
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            };
        });
        // A lease a loaded 2-core runner cannot miss (renewed every 3.3 s): a lost lease would let both
        // instances work on one host and fail the test for the machine's sake. The survivor waits at
        // most this long for the killed instance's chunks.
        String[] properties = { "headprobe.scan.chunk-size=" + PER_HOST,
                "headprobe.probe.per-host-concurrency=" + PER_HOST_CONCURRENCY, "headprobe.scan.lease=10S" };
        ExternalProcess doomed = instances.start("doomed", properties);
        ExternalProcess survivor = instances.start("survivor", properties);
        String id = instances.submit(doomed, targets);

        // Mid-scan: some chunks stored, most still to go.
        JsonNode before = instances.awaitScan(doomed, id, scan -> scan.get("done").asInt() >= PER_HOST);
        assertTrue(before.get("done").asInt() < HOSTS * PER_HOST / 2, "killed too late to mean anything: " + before);
        // Killed while it provably holds a chunk: with the targets held, both instances' workers come to hold
        // chunks that cannot complete (a kill between one chunk's end and the next claim proved nothing).
        CountDownLatch held = new CountDownLatch(1);
        gate.set(held);
        boolean diedHolding;
        try {
            // An owner is "instance/loop": two instances, not two loops of one.
            instances.awaitQuery(HOLDERS, 2);
            doomed.kill();
            // Still two holders after the kill, the gate still closed: the killed instance died holding a
            // chunk (its last requests may have passed the gate just before it closed and completed it
            // between the query and the kill; then it held nothing and nothing needs claiming again).
            diedHolding = instances.query(HOLDERS) == 2;
        } finally {
            held.countDown();
        }

        JsonNode after = instances.awaitScan(survivor, id, scan -> scan.get("state").asText().equals("done"));
        assertEquals(HOSTS * PER_HOST, after.get("done").asInt());
        assertEquals(HOSTS * PER_HOST, after.get("ok").asInt());

        assertEquals(HOSTS * PER_HOST, instances.query("SELECT count(*) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT count(DISTINCT seq) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT max(position) FROM scan_results"));
        long claims = instances.query("SELECT sum(claims) FROM scan_chunks");
        if (diedHolding) {
            assertTrue(claims > HOSTS, "no chunk was claimed again after the kill: " + claims + " claims");
        }
        assertEquals(HOSTS * PER_HOST, instances.resultLines(survivor, id));

        String mostAtOnce = IntStream.range(0, HOSTS).mapToObj(h -> String.valueOf(most[h].get()))
                .collect(Collectors.joining(","));
        for (AtomicInteger max : most) {
            assertTrue(max.get() <= PER_HOST_CONCURRENCY, "a host saw more connections at once than one instance "
                    + "makes: " + mostAtOnce);
        }
        System.out.printf("ScanFaultIT: killed at %s of %d%s; %d claims of %d chunks; most connections at once per host: %s%n",
                before.get("done"), HOSTS * PER_HOST, diedHolding ? " holding a chunk" : " between two chunks", claims, HOSTS,
                mostAtOnce);
    }
}
