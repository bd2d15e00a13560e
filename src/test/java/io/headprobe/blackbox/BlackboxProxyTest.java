package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.ConnectProxy;
import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
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

/**
 * blackbox's proxy keys against an HTTP proxy on loopback: the CONNECT tunnel of https targets
 * with proxy_connect_header, http targets in absolute form, no_proxy, the guard on the proxy's
 * address and on the target's, and the secrets kept out of /config and debug=true.
 */
@QuarkusTest
@TestProfile(BlackboxProxyTest.Profile.class)
class BlackboxProxyTest {

    static final String TOKEN = "proxy-token-5521";
    static final String PASSWORD = "proxy-pass-8830";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** The proxies exist before the modules that name them. */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static TestCa ca;
        static ConnectProxy proxy;
        static ConnectProxy refusing;
        /** The server no_proxy names with its port ("allowed.test:port"). */
        static RecordingServer direct;
        static int unreachable;

        @Override
        public Map<String, String> start() {
            ca = TestCa.create();
            proxy = ConnectProxy.start();
            refusing = ConnectProxy.refusing(407);
            direct = RecordingServer.plain(BlackboxProxyTest::answer);
            unreachable = Loopback.refusingPort();
            try {
                Path dir = Files.createTempDirectory("blackbox");
                Path config = Files.writeString(dir.resolve("blackbox.yml"), """
                        modules:
                          proxied:
                            prober: http
                            http:
                              proxy_url: %1$s
                              proxy_connect_header:
                                Proxy-Authorization: ['Bearer %3$s']
                              tls_config: {ca_file: %4$s}
                          with_credentials:
                            prober: http
                            http:
                              proxy_url: http://prober:%5$s@127.0.0.1:%6$d
                          refused:
                            prober: http
                            http:
                              proxy_url: %2$s
                              tls_config: {ca_file: %4$s}
                          skip_resolve:
                            prober: http
                            http:
                              proxy_url: %1$s
                              skip_resolve_phase_with_proxy: true
                              tls_config: {ca_file: %4$s}
                          allowed_direct:
                            prober: http
                            http:
                              proxy_url: %1$s
                              no_proxy: other.test, allowed.test:%7$d
                              skip_resolve_phase_with_proxy: true
                          others_direct:
                            prober: http
                            http:
                              proxy_url: %1$s
                              no_proxy: other.test, 10.0.0.0/8
                              skip_resolve_phase_with_proxy: true
                          resolved_with_no_proxy:
                            prober: http
                            http:
                              proxy_url: %1$s
                              no_proxy: other.test
                          blocked_proxy:
                            prober: http
                            http:
                              proxy_url: http://127.0.0.2:%6$d
                          unreachable:
                            prober: http
                            http:
                              proxy_url: http://127.0.0.1:%8$d
                        """.formatted(proxy.url(), refusing.url(), TOKEN, ca.rootPemFile(), PASSWORD, proxy.port(),
                        port(direct), unreachable));
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            proxy.close();
            refusing.close();
            direct.close();
        }
    }

    private static int port(RecordingServer server) {
        String url = server.url("/");
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.length() - 1));
    }

    static Answer answer(RecordingServer.Request request) {
        return request.path().equals("/moved") ? new Answer(302, Map.of("Location", "/landing"), Buffer.buffer())
                : Answer.ok("hello\n");
    }

    @Test
    void anHttpsTargetIsReachedThroughAConnectTunnelWithTheConnectHeaders() {
        try (TlsServer target = TlsServer.start(Setup.ca.leaf("127.0.0.1"))) {
            ScrapedMetrics metrics = scrape(target.url("/page"), "proxied");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(200.0, metrics.value("probe_http_status_code"));
            assertEquals(1.0, metrics.value("probe_http_ssl"));
            assertEquals(4.0, metrics.value("probe_ip_protocol"), "the target was resolved here, as blackbox does");
            ConnectProxy.Seen connect = seen(Setup.proxy, "CONNECT 127.0.0.1:" + target.port() + " ");
            assertEquals("Bearer " + TOKEN, connect.header("Proxy-Authorization"));
            assertEquals("127.0.0.1:" + target.port(), connect.header("Host"));
            assertEquals("/page", target.requests().get(0).path());
        }
    }

    /** As Go: the request itself goes to the proxy, in absolute form; the CONNECT headers are for CONNECT only. */
    @Test
    void anHttpTargetIsSentToTheProxyInAbsoluteFormRedirectsToo() {
        try (RecordingServer target = RecordingServer.plain(BlackboxProxyTest::answer)) {
            ScrapedMetrics metrics = scrape(target.url("/moved"), "proxied");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(1.0, metrics.value("probe_http_redirects"));
            ConnectProxy.Seen first = seen(Setup.proxy, "GET " + target.url("/moved") + " ");
            assertNull(first.header("Proxy-Authorization"));
            seen(Setup.proxy, "GET " + target.url("/landing") + " ");
            assertEquals("/landing", target.last("GET", "/landing").path());
        }
    }

    @Test
    void theProxyUrlsCredentialsGoAsProxyAuthorization() {
        try (RecordingServer target = RecordingServer.plain(BlackboxProxyTest::answer)) {
            assertEquals(1.0, scrape(target.url("/creds"), "with_credentials").value("probe_success"));
            String basic = Base64.getEncoder().encodeToString(("prober:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + basic, seen(Setup.proxy, "GET " + target.url("/creds") + " ").header("Proxy-Authorization"));
            assertNull(target.last("GET", "/creds").header("proxy-authorization"), "the proxy's credentials stop at the proxy");
        }
    }

    @Test
    void aProxyRefusingTheConnectFailsTheProbeAndSaysWhy() {
        try (TlsServer target = TlsServer.start(Setup.ca.leaf("127.0.0.1"))) {
            assertEquals(0.0, scrape(target.url("/"), "refused").value("probe_success"));
            String debug = debug(target.url("/"), "refused");
            assertTrue(debug.contains("the proxy 127.0.0.1:" + Setup.refusing.port() + " refused the CONNECT to 127.0.0.1:"
                    + target.port() + ": 407 Proxy Authentication Required"), debug);
            assertTrue(target.requests().isEmpty());
        }
    }

    @Test
    void anUnreachableProxyFailsTheProbe() {
        try (RawServer target = RawServer.start(RawServer.http10(200))) {
            assertEquals(0.0, scrape(target.url("/"), "unreachable").value("probe_success"));
            String debug = debug(target.url("/"), "unreachable");
            assertTrue(debug.contains("the proxy 127.0.0.1:" + Setup.unreachable + " could not be reached"), debug);
            assertEquals(0, target.connections());
        }
    }

    /** With skip_resolve_phase_with_proxy the name goes to the proxy as it is, and blackbox writes no address metrics. */
    @Test
    void skipResolveLetsTheProxyResolveTheName() {
        try (TlsServer target = TlsServer.start(Setup.ca.leaf("allowed.test"))) {
            ScrapedMetrics metrics = scrape(target.url("allowed.test", "/"), "skip_resolve");
            assertEquals(1.0, metrics.value("probe_success"));
            seen(Setup.proxy, "CONNECT allowed.test:" + target.port() + " ");
            assertFalse(metrics.samples.containsKey("probe_ip_protocol"));
            assertFalse(metrics.samples.containsKey("probe_dns_lookup_time_seconds"));
            assertEquals("allowed.test", target.lastRequest().serverName());
        }
    }

    /** no_proxy as Go matches it: a name and port listed goes directly; loopback addresses always do. */
    @Test
    void noProxyBypassesTheProxyForWhatItNames() {
        String target = "http://allowed.test:" + port(Setup.direct) + "/direct";
        assertEquals(1.0, scrape(target, "allowed_direct").value("probe_success"));
        assertTrue(Setup.proxy.requests().stream().noneMatch(r -> r.requestLine().contains(target)));

        assertEquals(1.0, scrape(target + "?via=proxy", "others_direct").value("probe_success"));
        seen(Setup.proxy, "GET " + target + "?via=proxy ");

        // Resolved here, the first request names 127.0.0.1, which Go never sends to a proxy once no_proxy is set.
        assertEquals(1.0, scrape(target + "?resolved", "resolved_with_no_proxy").value("probe_success"));
        assertTrue(Setup.proxy.requests().stream().noneMatch(r -> r.requestLine().contains("resolved")));
        assertEquals("/direct", Setup.direct.last("GET", "/direct").path());
    }

    @Test
    void theGuardChecksTheProxysAddress() {
        try (RecordingServer target = RecordingServer.plain(BlackboxProxyTest::answer)) {
            assertEquals(0.0, scrape(target.url("/"), "blocked_proxy").value("probe_success"));
            String debug = debug(target.url("/"), "blocked_proxy");
            assertTrue(debug.contains("the proxy 127.0.0.2:" + Setup.proxy.port() + " resolves to 127.0.0.2, which is not a public address"),
                    debug);
        }
    }

    /** Resolved here, a target the guard refuses is refused before the proxy hears of it; skipped, the proxy decides. */
    @Test
    void theGuardStillChecksTheTargetUnlessTheProxyResolvesIt() {
        try (RawServer target = RawServer.on("127.0.0.2", RawServer.http10(200))) {
            String url = "http://blocked.test:" + target.port() + "/";
            assertEquals(0.0, scrape(url, "proxied").value("probe_success"));
            assertTrue(debug(url, "proxied").contains("blocked.test resolves to 127.0.0.2, which is not a public address"));
            assertTrue(Setup.proxy.requests().stream().noneMatch(r -> r.requestLine().contains("blocked.test")));

            assertEquals(1.0, scrape(url, "skip_resolve").value("probe_success"));
            seen(Setup.proxy, "GET " + url + " ");
        }
    }

    @Test
    void secretsStayOutOfConfigAndDebug() {
        String config = given().when().get("/config").then().statusCode(200).extract().asString();
        assertTrue(config.contains("proxy_url: http://prober:xxxxx@127.0.0.1:" + Setup.proxy.port()), config);
        assertTrue(config.contains("<secret>"), config);
        try (RecordingServer target = RecordingServer.plain(BlackboxProxyTest::answer)) {
            String debug = debug(target.url("/"), "with_credentials") + debug(target.url("/"), "proxied");
            assertTrue(debug.contains("Module configuration:"), debug);
            String basic = Base64.getEncoder().encodeToString(("prober:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            for (String page : List.of(config, debug)) {
                for (String secret : List.of(TOKEN, PASSWORD, basic)) {
                    assertFalse(page.contains(secret), page);
                }
            }
        }
    }

    private static ConnectProxy.Seen seen(ConnectProxy proxy, String requestLineStart) {
        return proxy.requests().stream().filter(r -> r.requestLine().startsWith(requestLineStart)).findFirst()
                .orElseThrow(() -> new AssertionError("the proxy saw no " + requestLineStart + " in " + proxy.requests()));
    }

    private static String debug(String target, String module) {
        return given().queryParam("target", target).queryParam("module", module).queryParam("debug", "true")
                .when().get("/probe").then().statusCode(200).extract().asString();
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }
}
