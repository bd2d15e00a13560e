package io.headprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.EmbeddedPg;
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

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<RawServer> servers = new ArrayList<>();
    final List<ExternalProcess> instances = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ExternalProcess instance : instances) {
            instance.close();
        }
        servers.forEach(RawServer::close);
    }

    @Test
    void sigkillOfOneInstanceLosesAndDuplicatesNothing() throws Exception {
        AtomicInteger[] open = new AtomicInteger[HOSTS];
        AtomicInteger[] most = new AtomicInteger[HOSTS];
        List<String> targets = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            AtomicInteger now = open[h] = new AtomicInteger();
            AtomicInteger max = most[h] = new AtomicInteger();
            // 127.0.0.1 to 127.0.0.40: forty hosts, all loopback.
            // Counted from the request head read to just before the answer: that lies inside the time the
            // client holds its per-host permit, so two instances on one host would show up as more than 4.
            // The 2 ms are the server being slow, so that a host's requests overlap.
            RawServer server = RawServer.on("127.0.0." + (h + 1), socket -> {
                RawServer.readHead(socket.getInputStream());
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(2);
                } finally {
                    now.decrementAndGet();
                }
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
            servers.add(server);
            for (int i = 0; i < PER_HOST; i++) {
                targets.add("http://127.0.0." + (h + 1) + ":" + server.port() + "/" + i);
            }
        }
        String database = EmbeddedPg.createDatabase();
        ExternalProcess doomed = start("doomed", database);
        ExternalProcess survivor = start("survivor", database);

        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(doomed.url("/scans")))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", targets))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());
        String id = json.readTree(submitted.body()).get("id").asText();

        // Mid-scan: some chunks stored, most still to go.
        JsonNode before = awaitScan(doomed, id, scan -> scan.get("done").asInt() >= PER_HOST);
        assertTrue(before.get("done").asInt() < HOSTS * PER_HOST / 2, "killed too late to mean anything: " + before);
        doomed.kill();

        JsonNode after = awaitScan(survivor, id, scan -> scan.get("state").asText().equals("done"));
        assertEquals(HOSTS * PER_HOST, after.get("done").asInt());
        assertEquals(HOSTS * PER_HOST, after.get("ok").asInt());

        var db = EmbeddedPg.connectOptions(database);
        assertEquals(HOSTS * PER_HOST, EmbeddedPg.run(db, "SELECT count(*) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, EmbeddedPg.run(db, "SELECT count(DISTINCT seq) FROM scan_results"));
        assertEquals(HOSTS * PER_HOST, EmbeddedPg.run(db, "SELECT max(position) FROM scan_results"));
        long claims = EmbeddedPg.run(db, "SELECT sum(claims) FROM scan_chunks");
        assertTrue(claims > HOSTS, "no chunk was claimed again after the kill: " + claims + " claims");

        HttpResponse<java.util.stream.Stream<String>> results = http.send(HttpRequest.newBuilder(
                URI.create(survivor.url("/scans/" + id + "/results"))).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(HOSTS * PER_HOST, results.body().filter(line -> !line.isBlank()).count());

        String mostAtOnce = IntStream.range(0, HOSTS).mapToObj(h -> String.valueOf(most[h].get()))
                .collect(Collectors.joining(","));
        for (AtomicInteger max : most) {
            assertTrue(max.get() <= PER_HOST_CONCURRENCY, "a host saw more connections at once than one instance "
                    + "makes: " + mostAtOnce);
        }
        System.out.printf("ScanFaultIT: killed at %s of %d; %d claims of %d chunks; most connections at once per host: %s%n",
                before.get("done"), HOSTS * PER_HOST, claims, HOSTS, mostAtOnce);
    }

    private ExternalProcess start(String name, String database) throws IOException, InterruptedException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        boolean jar = !"native".equals(artifact.getProperty("type"));
        Path workDir = Files.createDirectories(Path.of("target", "scan-fault", name)).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(jar ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : path.toString());
        command.addAll(List.of("-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1",
                "-Dheadprobe.guard.allow=127.0.0.0/8", "-Dheadprobe.scan.lease=3S",
                "-Dheadprobe.scan.poll-interval=100MS", "-Dheadprobe.scan.chunk-size=" + PER_HOST,
                "-Dheadprobe.probe.per-host-concurrency=" + PER_HOST_CONCURRENCY,
                "-Dheadprobe.dns.server=127.0.0.1:9", "-Dquarkus.log.category.\"io.headprobe.access\".level=WARN"));
        EmbeddedPg.quarkusConfig(database).forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (jar) {
            command.addAll(List.of("-jar", path.toString()));
        }
        ExternalProcess instance = ExternalProcess.start(workDir, command.toArray(String[]::new));
        instances.add(instance);
        return instance;
    }

    /** Polls GET /scans/{id} on {@code instance} until {@code until} holds; two minutes at most. */
    private JsonNode awaitScan(ExternalProcess instance, String id, java.util.function.Predicate<JsonNode> until)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonNode scan = null;
        while (System.nanoTime() < deadline) {
            scan = json.readTree(http.send(HttpRequest.newBuilder(URI.create(instance.url("/scans/" + id))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (until.test(scan)) {
                return scan;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("scan never got there: " + scan);
    }
}
