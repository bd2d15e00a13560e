package io.headprobe.scan;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.EmbeddedPg;
import io.headprobe.testing.ExternalProcess;
import io.headprobe.testing.RawServer;

/**
 * HeadProbe processes (the artifact this build produced) on one fresh database of the embedded
 * PostgreSQL, and the loopback hosts they scan, for the scan tests that kill, restart or pair
 * instances. Closing stops the processes still running and the hosts.
 */
final class ScanInstances implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ExternalProcess> started = new ArrayList<>();
    private final List<RawServer> servers = new ArrayList<>();
    private final String test;
    final String database = EmbeddedPg.createDatabase();

    /** {@code test} names the directory under target/ that holds the instances' output. */
    ScanInstances(String test) {
        this.test = test;
    }

    /**
     * An instance that may fetch from all of 127.0.0.0/8, gives up a dead worker's chunks after
     * 3 s and looks for work every 100 ms; {@code properties} ("key=value") add to that or override it.
     */
    ExternalProcess start(String name, String... properties) throws IOException, InterruptedException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        boolean jar = !"native".equals(artifact.getProperty("type"));
        Path workDir = Files.createDirectories(Path.of("target", test, name)).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(jar ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : path.toString());
        command.addAll(List.of("-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1",
                "-Dheadprobe.guard.allow=127.0.0.0/8", "-Dheadprobe.scan.lease=3S",
                "-Dheadprobe.scan.poll-interval=100MS", "-Dheadprobe.dns.server=127.0.0.1:9",
                "-Dquarkus.log.category.\"io.headprobe.access\".level=WARN"));
        EmbeddedPg.quarkusConfig(database).forEach((key, value) -> command.add("-D" + key + "=" + value));
        for (String property : properties) {
            command.add("-D" + property);
        }
        if (jar) {
            command.addAll(List.of("-jar", path.toString()));
        }
        ExternalProcess instance = ExternalProcess.start(workDir, command.toArray(String[]::new));
        started.add(instance);
        return instance;
    }

    /**
     * Servers on {@code hosts} loopback addresses from 127.0.0.{first} on, the one at index h
     * playing {@code script.apply(h)}, and {@code perHost} targets on each, host after host.
     */
    List<String> targetsOnHosts(int first, int hosts, int perHost, IntFunction<RawServer.Script> script) {
        List<String> targets = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            RawServer server = RawServer.on("127.0.0." + (first + h), script.apply(h));
            servers.add(server);
            for (int i = 0; i < perHost; i++) {
                targets.add(server.url("/" + i));
            }
        }
        return targets;
    }

    /** POST /scans with one target per line; the new scan's id. */
    String submit(ExternalProcess instance, List<String> targets) throws IOException, InterruptedException {
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(instance.url("/scans")))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", targets))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new AssertionError("POST /scans answered " + submitted.statusCode() + ": " + submitted.body());
        }
        return json.readTree(submitted.body()).get("id").asText();
    }

    /** Polls GET /scans/{id} on {@code instance} until {@code until} holds; two minutes at most. */
    JsonNode awaitScan(ExternalProcess instance, String id, Predicate<JsonNode> until) {
        return await("scan " + id).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> json.readTree(http.send(HttpRequest.newBuilder(URI.create(instance.url("/scans/" + id))).build(),
                        HttpResponse.BodyHandlers.ofString()).body()), until);
    }

    /** Lines of GET /scans/{id}/results: the results as stored. */
    long resultLines(ExternalProcess instance, String id) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(instance.url("/scans/" + id + "/results"))).build(),
                HttpResponse.BodyHandlers.ofLines()).body().filter(line -> !line.isBlank()).count();
    }

    /** The first column of the first row of {@code sql} on this database. */
    Long query(String sql) {
        return EmbeddedPg.run(EmbeddedPg.connectOptions(database), sql);
    }

    /** Asks {@code sql} again until it counts at least {@code expected}; a minute at most. */
    void awaitQuery(String sql, long expected) {
        await(sql).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> query(sql), greaterThanOrEqualTo(expected));
    }

    @Override
    public void close() throws InterruptedException {
        for (ExternalProcess instance : started) {
            instance.close();
        }
        servers.forEach(RawServer::close);
    }
}
