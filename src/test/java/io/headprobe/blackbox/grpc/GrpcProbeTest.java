package io.headprobe.blackbox.grpc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.GrpcHealthServer;
import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.StockBlackbox;
import io.headprobe.testing.TestCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * blackbox's grpc prober on HeadProbe, against a real gRPC health service on loopback (h2c and
 * TLS): the stock blackbox.yml's grpc modules, each serving status, an unknown service, metadata,
 * and peers that are silent, flood or send a frame over HTTP/2's limit.
 */
@QuarkusTest
@TestProfile(GrpcProbeTest.Profile.class)
class GrpcProbeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** A CA named in ca_file, and a blackbox.yml with the stock file's grpc modules and a few more. */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static volatile TestCa ca;

        @Override
        public Map<String, String> start() {
            ca = TestCa.create();
            try {
                Path config = Files.writeString(Files.createTempFile("blackbox-grpc", ".yml"), """
                        modules:
                          grpc_any:
                            prober: grpc
                          grpc_down:
                            prober: grpc
                            grpc: {service: down}
                          grpc_unknown:
                            prober: grpc
                            grpc: {service: nope}
                          grpc_odd:
                            prober: grpc
                            grpc: {service: odd}
                          grpc_flood:
                            prober: grpc
                            timeout: 5s
                            grpc: {service: flood}
                          grpc_short:
                            prober: grpc
                            timeout: 1s
                          grpc_metadata:
                            prober: grpc
                            grpc:
                              service: service1
                              metadata:
                                x-probe: [a, b]
                                token-bin: [hello]
                          grpc_tls:
                            prober: grpc
                            grpc:
                              tls: true
                              tls_config: {ca_file: %1$s}
                          grpc_tls_down:
                            prober: grpc
                            grpc:
                              tls: true
                              service: down
                              tls_config: {ca_file: %1$s}
                          grpc_tls_unknown:
                            prober: grpc
                            grpc:
                              tls: true
                              service: nope
                              tls_config: {ca_file: %1$s}
                        """.formatted(ca.rootPemFile()) + StockBlackbox.GRPC_MODULES);
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void stockGrpcPlainIsServing() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_plain");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_grpc_status_code"));
            assertEquals(0.0, metrics.value("probe_grpc_ssl"));
            assertEquals(Map.of("UNKNOWN", 0.0, "SERVING", 1.0, "NOT_SERVING", 0.0, "SERVICE_UNKNOWN", 0.0), serving(metrics));
            assertEquals(4.0, metrics.value("probe_ip_protocol"));
            assertEquals(3668918509.0, metrics.value("probe_ip_addr_hash"));
            assertEquals(List.of("check", "resolve"), metrics.samples.get("probe_grpc_duration_seconds").stream()
                    .map(sample -> sample.labels().get("phase")).sorted().toList());
            assertNull(metrics.value("probe_ssl_earliest_cert_expiry"), "0.28 writes TLS metrics only after a handshake");
            // h2c with prior knowledge, as grpc-go: the server saw an HTTP/2 POST of application/grpc.
            assertEquals("application/grpc", server.requests().get(0).get("content-type"));
            assertEquals("trailers", server.requests().get(0).get("te"));
        }
    }

    @Test
    void notServingFailsWithStatusCodeOk() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_down");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_grpc_status_code"));
            assertEquals(Map.of("UNKNOWN", 0.0, "SERVING", 0.0, "NOT_SERVING", 1.0, "SERVICE_UNKNOWN", 0.0), serving(metrics));
        }
    }

    @Test
    void anUnknownServiceFailsWithItsGrpcStatusAndNoServingStatus() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_unknown");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(5.0, metrics.value("probe_grpc_status_code"));
            assertEquals(Map.of("UNKNOWN", 0.0, "SERVING", 0.0, "NOT_SERVING", 0.0, "SERVICE_UNKNOWN", 0.0), serving(metrics));
        }
    }

    @Test
    void aStatusNumberWithoutNameIsWrittenAsGoWritesIt() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_odd");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(1.0, serving(metrics).get("7"));
        }
    }

    @Test
    void metadataIsSentAsRequestHeaders() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            assertEquals(1.0, scrape(server.hostPort(), "grpc_metadata").value("probe_success"));
            assertEquals(List.of("a", "b"), server.requests().get(0).getAll("x-probe"));
            assertEquals("aGVsbG8", server.requests().get(0).get("token-bin"), "a -bin value goes base64, unpadded, as grpc-go");
        }
    }

    @Test
    void overTlsTheTlsMetricsComeWithTheAnswer() {
        try (GrpcHealthServer server = GrpcHealthServer.tls(Setup.ca.leaf("127.0.0.1"))) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_tls");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(1.0, metrics.value("probe_grpc_ssl"));
            assertTrue(metrics.value("probe_ssl_earliest_cert_expiry") > System.currentTimeMillis() / 1000.0);
            assertNotNull(metrics.value("probe_tls_version_info"));
            assertNotNull(metrics.value("probe_ssl_last_chain_info"));
            assertNull(metrics.value("probe_ssl_last_chain_expiry_timestamp_seconds"), "grpc.go does not write it");

            ScrapedMetrics down = scrape(server.hostPort(), "grpc_tls_down");
            assertEquals(0.0, down.value("probe_success"));
            assertEquals(1.0, down.value("probe_grpc_ssl"), "a NOT_SERVING answer came over TLS");

            // grpc-go knows the peer only for a call that answered: an error status shows no TLS.
            ScrapedMetrics unknown = scrape(server.hostPort(), "grpc_tls_unknown");
            assertEquals(5.0, unknown.value("probe_grpc_status_code"));
            assertEquals(0.0, unknown.value("probe_grpc_ssl"));
            assertNull(unknown.value("probe_ssl_earliest_cert_expiry"));
        }
    }

    @Test
    void stockGrpcFailsUnavailableOnACertificateItDoesNotTrust() {
        try (GrpcHealthServer server = GrpcHealthServer.tls(Setup.ca.leaf("127.0.0.1"))) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(14.0, metrics.value("probe_grpc_status_code"));
            assertEquals(0.0, metrics.value("probe_grpc_ssl"));
            assertTrue(server.requests().isEmpty(), "no call without a trusted handshake");
        }
    }

    @Test
    void aRefusedPortIsUnavailable() {
        ScrapedMetrics metrics = scrape("127.0.0.1:" + Loopback.refusingPort(), "grpc_plain");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(14.0, metrics.value("probe_grpc_status_code"));
        assertEquals(4, serving(metrics).size());
    }

    @Test
    void aTargetThatDoesNotResolveWritesNoHealthCheckSeries() {
        ScrapedMetrics metrics = scrape("no-such-host.invalid:50051", "grpc_plain");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(0.0, metrics.value("probe_grpc_status_code"));
        assertNull(metrics.samples.get("probe_grpc_healthcheck_response"));
        assertEquals(0.0, metrics.value("probe_grpc_duration_seconds"));
    }

    @Test
    void aSilentPeerEndsAtTheModulesTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer silent = RawServer.start(socket -> release.await(30, TimeUnit.SECONDS))) {
            long start = System.nanoTime();
            ScrapedMetrics metrics = scrape(silent.hostPort(), "grpc_short");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(4.0, metrics.value("probe_grpc_status_code"), "DEADLINE_EXCEEDED");
            assertTrue(seconds >= 0.9 && seconds < 5, "ended at the 1s timeout, not later: " + seconds);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFloodingPeerIsCutOffAtTheMessageLimit() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            ScrapedMetrics metrics = scrape(server.hostPort(), "grpc_flood");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(8.0, metrics.value("probe_grpc_status_code"), "RESOURCE_EXHAUSTED");
            assertTrue(metrics.value("probe_duration_seconds") < 4, "not left to the 5s timeout");
        }
    }

    @Test
    void aFrameOverHttp2sLimitEndsTheCallAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer huge = RawServer.start(socket -> {
            socket.getInputStream().readNBytes(24); // the client's preface
            // An empty SETTINGS frame, then a DATA frame that says it is 16 MiB long (the limit is 16 KiB).
            socket.getOutputStream().write(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0,
                    0, 0, 0, 1 });
            socket.getOutputStream().write(new byte[64 * 1024]);
            socket.getOutputStream().flush();
            release.await(30, TimeUnit.SECONDS);
        })) {
            ScrapedMetrics metrics = scrape(huge.hostPort(), "grpc_flood");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(14.0, metrics.value("probe_grpc_status_code"), "UNAVAILABLE, a connection error");
            assertTrue(metrics.value("probe_duration_seconds") < 4, "not left to the 5s timeout");
        } finally {
            release.countDown();
        }
    }

    @Test
    void debugShowsWhatHappened() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            String page = given().queryParam("target", server.hostPort()).queryParam("module", "grpc_unknown")
                    .queryParam("debug", "true").when().get("/probe").then().statusCode(200).extract().asString();
            assertTrue(page.contains("rpc error: code = 5 desc = unknown service"), page);
            assertTrue(page.contains("probe_grpc_status_code 5"), page);
        }
    }

    @Test
    void debugMasksMetadataValues() {
        try (GrpcHealthServer server = GrpcHealthServer.plain()) {
            String page = given().queryParam("target", server.hostPort()).queryParam("module", "grpc_metadata")
                    .queryParam("debug", "true").when().get("/probe").then().statusCode(200).extract().asString();
            assertTrue(page.contains("x-probe: <secret>"), page);
            assertFalse(page.contains("hello"), page);
        }
    }

    private static Map<String, Double> serving(ScrapedMetrics metrics) {
        Map<String, Double> serving = new java.util.TreeMap<>();
        metrics.samples.getOrDefault("probe_grpc_healthcheck_response", List.of())
                .forEach(sample -> serving.put(sample.labels().get("serving_status"), sample.value()));
        return serving;
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }
}
