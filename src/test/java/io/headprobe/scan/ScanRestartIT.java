package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.RawServer;

/**
 * A single HeadProbe process on PostgreSQL is stopped (SIGTERM, as a deployment or a restart does)
 * in the middle of a scan of 8,000 loopback targets and started again on the same database: the
 * new process takes the scan up where the old one left it, and it ends with exactly one result per target.
 * The stopped process gives its chunks back as it stops: with a lease of a minute, the new process
 * need not wait for the old one's leases to run out.
 */
class ScanRestartIT {

    static final int HOSTS = 16;
    static final int PER_HOST = 500;

    final ScanInstances instances = new ScanInstances("scan-restart");

    @AfterEach
    void stop() throws InterruptedException {
        instances.close();
    }

    @Test
    void aRestartedInstanceResumesTheScan() throws Exception {
        // Slow enough (2 ms a request) that the scan is still going when the instance stops.
        List<String> targets = instances.targetsOnHosts(1, HOSTS, PER_HOST, h -> socket -> {
            RawServer.readHead(socket.getInputStream());
            Thread.sleep(2);
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        String[] properties = { "headprobe.scan.chunk-size=" + PER_HOST, "headprobe.scan.lease=60S" };
        ExternalProcess first = instances.start("first", properties);
        String id = instances.submit(first, targets);
        instances.awaitScan(first, id, scan -> scan.get("done").asInt() >= PER_HOST);
        first.close();
        assertEquals(0, instances.query("SELECT count(*) FROM scan_chunks WHERE owner IS NOT NULL AND NOT done"),
                "a chunk is still leased to the stopped instance");
        long doneWhenStopped = instances.query("SELECT done FROM scans");
        assertTrue(doneWhenStopped < HOSTS * PER_HOST, "stopped too late to mean anything: all " + doneWhenStopped + " done");

        ExternalProcess second = instances.start("second", properties);
        JsonNode after = instances.awaitScan(second, id, scan -> scan.get("state").asText().equals("done"));
        assertEquals(HOSTS * PER_HOST, after.get("done").asInt());
        assertEquals(HOSTS * PER_HOST, after.get("ok").asInt());
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT count(*) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT count(DISTINCT seq) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, instances.query("SELECT max(position) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, instances.resultLines(second, id));
        System.out.printf("ScanRestartIT: stopped at %d of %d; the restarted instance did the rest%n", doneWhenStopped,
                HOSTS * PER_HOST);
    }
}
