package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.RawServer;

/**
 * Politeness across instances: two HeadProbe processes on one PostgreSQL scan six loopback hosts
 * (127.0.0.2 to 127.0.0.7), each with one worker and a per-host limit of 1. Every host server counts
 * the requests it is answering at once. The very first request is held until a second one arrives
 * anywhere: that can only be the other instance (one worker, one host, one fetch at a time each),
 * so both instances work at the same time; had they been given the same host, it would count 2.
 */
class ScanPolitenessIT {

    static final int HOSTS = 6;
    static final int PER_HOST = 50;

    final ScanInstances instances = new ScanInstances("scan-politeness");

    @AfterEach
    void stop() throws InterruptedException {
        instances.close();
    }

    @Test
    void twoInstancesNeverFetchFromOneHostAtOnce() throws Exception {
        CountDownLatch together = new CountDownLatch(2);
        AtomicInteger[] most = new AtomicInteger[HOSTS];
        List<String> targets = instances.targetsOnHosts(2, HOSTS, PER_HOST, h -> {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger max = most[h] = new AtomicInteger();
            return socket -> {
                RawServer.readHead(socket.getInputStream());
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    together.countDown();
                    together.await(30, TimeUnit.SECONDS);
                } finally {
                    now.decrementAndGet();
                }
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            };
        });
        // A chunk is one host; each instance works on one chunk at a time, one fetch per host.
        String[] properties = { "headprobe.scan.chunk-size=" + PER_HOST, "headprobe.scan.workers=1",
                "headprobe.probe.per-host-concurrency=1", "headprobe.probe.timeout=40S" };
        ExternalProcess one = instances.start("one", properties);
        ExternalProcess two = instances.start("two", properties);
        String id = instances.submit(one, targets);

        instances.awaitScan(two, id, scan -> scan.get("state").asText().equals("done"));
        assertEquals(0, together.getCount(), "the two instances never worked at the same time");
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT count(DISTINCT seq) FROM scan_results"));
        // An owner is "instance/loop": count instances.
        assertEquals(2L, instances.query("SELECT count(DISTINCT split_part(owner, '/', 1)) FROM scan_chunks"), "both instances did chunks");
        String mostAtOnce = IntStream.range(0, HOSTS).mapToObj(h -> String.valueOf(most[h].get()))
                .collect(Collectors.joining(","));
        for (AtomicInteger max : most) {
            assertTrue(max.get() <= 1, "a host was fetched by both instances at once: " + mostAtOnce);
        }
        System.out.printf("ScanPolitenessIT: most requests at once per host: %s%n", mostAtOnce);
    }
}
