package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.testing.RecordingServer;
import io.headprobe.testing.RecordingServer.Answer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;

/** blackbox's http keys about bodies, credentials and the protocol offered, against real loopback servers. */
@QuarkusTest
@TestProfile(BlackboxHttpKeysTest.Profile.class)
class BlackboxHttpKeysTest {

    static final String PASSWORD = "pa55-word-7781";
    static final String TOKEN = "tok-99321-abc";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** The CA the modules' ca_file names, shared with the test (a resource, so both see the same one). */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static TestCa ca;
        static TestCa.Leaf client;

        @Override
        public void stop() {
        }

        @Override
        public Map<String, String> start() {
            ca = TestCa.create();
            client = ca.leaf("prober.example");
            try {
                Path dir = Files.createTempDirectory("blackbox");
                Path body = Files.writeString(dir.resolve("body.json"), "{\"q\":1}");
                Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
                Path config = Files.writeString(dir.resolve("blackbox.yml"), """
                        modules:
                          post:
                            prober: http
                            http:
                              method: POST
                              body: '{"q":1}'
                              headers: {Content-Type: application/json}
                          post_tls:
                            prober: http
                            http:
                              method: POST
                              body_file: %s
                              headers: {Content-Type: application/json}
                              tls_config: {insecure_skip_verify: true}
                          body_checks:
                            prober: http
                            http:
                              fail_if_body_matches_regexp: ['Could not connect']
                              fail_if_body_not_matches_regexp: ['hello w.rld']
                          limit:
                            prober: http
                            http:
                              body_size_limit: 16B
                          gzip:
                            prober: http
                            http:
                              compression: gzip
                          auth:
                            prober: http
                            http:
                              basic_auth: {username: prober, password_file: %s}
                              http_headers: {X-Token: {secrets: [%s]}}
                          server_name:
                            prober: http
                            http:
                              tls_config: {ca_file: %s, server_name: tls.example}
                          tls13_only:
                            prober: http
                            http:
                              tls_config: {ca_file: %s, min_version: TLS13}
                          client_certificate:
                            prober: http
                            http:
                              tls_config: {ca_file: %s, cert_file: %s, key_file: %s}
                          tls12_only:
                            prober: http
                            http:
                              tls_config: {ca_file: %s, max_version: TLS12}
                          post_http1_only:
                            prober: http
                            http:
                              method: POST
                              body_file: %s
                              headers: {Content-Type: application/json}
                              enable_http2: false
                              tls_config: {insecure_skip_verify: true}
                        """.formatted(body, password, TOKEN, ca.rootPemFile(), ca.rootPemFile(), ca.rootPemFile(), client.chainFile(),
                        client.keyFile(), ca.rootPemFile(), body));
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** /post takes only the module's JSON; the rest answers by path. */
    static Answer answer(RecordingServer.Request request) {
        return switch (request.path()) {
            case "/post" -> request.method().equals("POST") && request.body().equals("{\"q\":1}")
                    && "application/json".equals(request.header("content-type"))
                            ? Answer.ok("accepted") : new Answer(400, Map.of(), Buffer.buffer("bad request"));
            case "/post-empty" -> request.method().equals("POST") && "0".equals(request.header("content-length"))
                    ? Answer.ok("accepted") : new Answer(411, Map.of(), Buffer.buffer("length required"));
            case "/error" -> Answer.ok("Could not connect to database");
            case "/moved" -> new Answer(302, Map.of("Location", "/landing"), Buffer.buffer());
            case "/kept" -> new Answer(307, Map.of("Location", "/post"), Buffer.buffer());
            case "/big" -> Answer.ok("x".repeat(100));
            case "/gzip" -> new Answer(200, Map.of("Content-Encoding", "gzip"), Buffer.buffer(gzip("hello world")));
            default -> Answer.ok("hello world\n");
        };
    }

    @Test
    void postSendsTheBodyOverHttp1() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            ScrapedMetrics metrics = scrape(server.url("/post"), "post");
            assertEquals(1.0, metrics.value("probe_success"));
            RecordingServer.Request seen = server.last("POST", "/post");
            assertEquals("{\"q\":1}", seen.body());
            assertEquals("7", seen.header("content-length"));
            assertEquals(8.0, metrics.value("probe_http_uncompressed_body_length"), "\"accepted\" was read");
            assertEquals(0.0, scrape(server.url("/post"), "body_checks").value("probe_success"), "a GET is refused");
        }
    }

    /**
     * A drop-in sends what blackbox sends: one request per scrape. The audit's metrics grade that
     * response alone (headprobe.blackbox.audit=page), without Observatory's robots.txt and preflight.
     */
    @Test
    void aScrapeSendsOneRequestAndStillAudits() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            ScrapedMetrics metrics = scrape(server.url("/post"), "post");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(List.of("POST /post"), server.requests().stream().map(r -> r.method() + " " + r.path()).toList());
            assertTrue(metrics.value("headprobe_audit_score") >= 0, "the page is still graded");
        }
    }

    /** As Go's client: 302 turns the POST into a GET without body, 307 sends it again as it was. */
    @Test
    void redirectsTreatThePostAsGoDoes() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            assertEquals(1.0, scrape(server.url("/moved"), "post").value("probe_success"));
            RecordingServer.Request landed = server.last("GET", "/landing");
            assertEquals("", landed.body());
            assertEquals(null, landed.header("content-length"));

            ScrapedMetrics kept = scrape(server.url("/kept"), "post");
            assertEquals(1.0, kept.value("probe_success"), "the body went to /post again");
            assertEquals(1.0, kept.value("probe_http_redirects"));
        }
    }

    /** h2 sends the body in DATA frames; enable_http2: false offers http/1.1 only, even to an h2 server. */
    @ParameterizedTest
    @CsvSource({ "post_tls, 2, HTTP_2", "post_http1_only, 1.1, HTTP_1_1" })
    void postSendsTheBodyFileOverTls(String module, double version, HttpVersion seen) {
        try (RecordingServer server = RecordingServer.tls(TestCa.create().leaf("127.0.0.1"), BlackboxHttpKeysTest::answer)) {
            ScrapedMetrics metrics = scrape(server.url("/post"), module);
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(version, metrics.value("probe_http_version"));
            assertEquals(seen, server.last("POST", "/post").version());
            assertEquals("{\"q\":1}", server.last("POST", "/post").body());
        }
    }

    @Test
    void bodyRegexesDecideAndSetTheRegexMetric() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            ScrapedMetrics passing = scrape(server.url("/"), "body_checks");
            expect(passing, Map.of("probe_success", 1.0, "probe_failed_due_to_regex", 0.0,
                    "probe_http_uncompressed_body_length", 12.0, "probe_http_content_length", 12.0));
            assertTrue(phase(passing, "transfer") >= 0);
            expect(scrape(server.url("/error"), "body_checks"), Map.of("probe_success", 0.0, "probe_failed_due_to_regex", 1.0));
        }
    }

    @Test
    void aBodyOverTheLimitFailsTheProbe() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            // Read up to the limit, as Go's MaxBytesReader.
            expect(scrape(server.url("/big"), "limit"), Map.of("probe_success", 0.0, "probe_failed_due_to_regex", 0.0,
                    "probe_http_uncompressed_body_length", 16.0));
            assertEquals(1.0, scrape(server.url("/"), "limit").value("probe_success"), "12 bytes are within 16");
        }
    }

    @Test
    void compressionDecodesItsCodingOnly() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            ScrapedMetrics gzip = scrape(server.url("/gzip"), "gzip");
            assertEquals(1.0, gzip.value("probe_success"));
            assertEquals(11.0, gzip.value("probe_http_uncompressed_body_length"));
            assertEquals("gzip", server.last("GET", "/gzip").header("accept-encoding"));
            assertEquals(0.0, scrape(server.url("/"), "gzip").value("probe_success"), "a plain body is not gzip");
        }
    }

    @Test
    void credentialsReachTheServerButNeverTheDebugPage() {
        try (RecordingServer server = RecordingServer.plain(BlackboxHttpKeysTest::answer)) {
            assertEquals(1.0, scrape(server.url("/"), "auth").value("probe_success"));
            String basic = Base64.getEncoder().encodeToString(("prober:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + basic, server.last("GET", "/").header("authorization"));
            assertEquals(TOKEN, server.last("GET", "/").header("x-token"));

            String debug = given().queryParam("target", server.url("/")).queryParam("module", "auth")
                    .queryParam("debug", "true").when().get("/probe").then().statusCode(200).extract().asString();
            assertTrue(debug.contains("Module configuration:"), debug);
            for (String secret : List.of(PASSWORD, basic, TOKEN)) {
                assertFalse(debug.contains(secret), debug);
            }
        }
    }

    /** server_name is the SNI and the name the certificate must have; the target stays an address. */
    @Test
    void serverNameIsSentAndVerified() {
        try (TlsServer server = TlsServer.start(Setup.ca.leaf("tls.example"))) {
            assertEquals(1.0, scrape(server.url("/"), "server_name").value("probe_success"));
            assertEquals("tls.example", server.lastRequest().serverName());
            assertEquals(0.0, scrape(server.url("/"), "tls13_only").value("probe_success"),
                    "without server_name the certificate does not name 127.0.0.1");
        }
    }

    /** The server ends the handshake without a certificate its CA issued. */
    @Test
    void aClientCertificateIsShownWhenAsked() {
        try (RecordingServer server = RecordingServer.tlsWithClientCertificates(Setup.ca.leaf("127.0.0.1"), Setup.ca,
                BlackboxHttpKeysTest::answer)) {
            assertEquals(1.0, scrape(server.url("/"), "client_certificate").value("probe_success"));
            assertEquals(0.0, scrape(server.url("/"), "tls13_only").value("probe_success"), "no certificate, no answer");
        }
    }

    @Test
    void minAndMaxVersionChooseTheProtocols() {
        try (TlsServer tls12 = TlsServer.start(Setup.ca.leaf("127.0.0.1"), TlsServer.Alpn.H2_AND_HTTP11, TlsServer.TLS12);
                TlsServer any = TlsServer.start(Setup.ca.leaf("127.0.0.1"))) {
            assertEquals(0.0, scrape(tls12.url("/"), "tls13_only").value("probe_success"), "the server has TLS 1.2 only");
            assertEquals(1.0, scrape(any.url("/"), "tls13_only").value("probe_success"));
            assertEquals(TlsServer.TLS13, any.lastRequest().tlsProtocol());
            assertEquals(1.0, scrape(any.url("/"), "tls12_only").value("probe_success"));
            assertEquals(TlsServer.TLS12, any.lastRequest().tlsProtocol());
        }
    }

    private static void expect(ScrapedMetrics metrics, Map<String, Double> values) {
        values.forEach((name, value) -> assertEquals(value, metrics.value(name), name));
    }

    private static double phase(ScrapedMetrics metrics, String phase) {
        return metrics.samples.get("probe_http_duration_seconds").stream()
                .filter(sample -> phase.equals(sample.labels().get("phase"))).findFirst().orElseThrow().value();
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
