package io.headprobe.blackbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.HttpVersion;

/** A module's {@code Host:} header is the request's Host, as blackbox's virtual-host idiom expects. */
@QuarkusTest
@TestProfile(BlackboxHostHeaderTest.Profile.class)
class BlackboxHostHeaderTest {

    /** Modules that name a virtual host; TLS is not what is tested here, so the h2 one trusts any chain. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path config = Files.writeString(Files.createTempFile("blackbox", ".yml"), """
                        modules:
                          vhost:
                            prober: http
                            http:
                              headers: {Host: vhost.example, X-Extra: kept}
                          vhost_tls:
                            prober: http
                            http:
                              headers: {host: vhost.example}
                              tls_config: {insecure_skip_verify: true}
                              fail_if_header_not_matches: [{header: X-Seen-Host, regexp: '^vhost\\.example$'}]
                        """);
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void theModulesHostReplacesTheTargetsOverHttp1() {
        Queue<String> heads = new ConcurrentLinkedQueue<>();
        try (RawServer target = RawServer.start(recording(heads, path -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            assertEquals(1.0, scrape(target.url("/"), "vhost").value("probe_success"));
        }
        String head = heads.remove();
        assertEquals(List.of("vhost.example"), hosts(head), head);
        assertEquals(List.of("kept"), values(head, "X-Extra"), "the module's other headers still go");
    }

    @Test
    void theModulesHostIsTheAuthorityOverH2() {
        try (TlsServer target = TlsServer.start(TestCa.create().leaf("127.0.0.1"))) {
            ScrapedMetrics metrics = scrape(target.url("/"), "vhost_tls");
            // The server answers with the host it was asked for, which the module checks.
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_failed_due_to_regex"));
            TlsServer.Seen seen = target.lastRequest();
            assertEquals(HttpVersion.HTTP_2, seen.version());
            assertNull(seen.header("host"), "no Host header beside :authority");
        }
    }

    @Test
    void theHostGoesOnThroughARelativeRedirectOnly() {
        Queue<String> heads = new ConcurrentLinkedQueue<>();
        String[] absolute = new String[1];
        try (RawServer target = RawServer.start(recording(heads, path -> switch (path) {
            case "/" -> "HTTP/1.1 302 Found\r\nLocation: /relative\r\nContent-Length: 0\r\n\r\n";
            case "/relative" -> "HTTP/1.1 302 Found\r\nLocation: " + absolute[0] + "\r\nContent-Length: 0\r\n\r\n";
            default -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        }))) {
            absolute[0] = target.url("/absolute");
            ScrapedMetrics metrics = scrape(target.url("/"), "vhost");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(2.0, metrics.value("probe_http_redirects"));
        }
        assertEquals(List.of("vhost.example"), hosts(heads.remove()));
        assertEquals(List.of("vhost.example"), hosts(heads.remove()), "a relative Location keeps the virtual host");
        List<String> last = hosts(heads.remove());
        assertEquals(1, last.size(), String.valueOf(last));
        assertNotEquals("vhost.example", last.get(0), "an absolute Location names its own host, as in Go");
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }

    /** Records each request head, then answers with {@code response} for the request's path. */
    private static RawServer.Script recording(Queue<String> heads, Function<String, String> response) {
        return socket -> {
            String head = RawServer.head(socket.getInputStream());
            heads.add(head);
            OutputStream out = socket.getOutputStream();
            out.write(response.apply(head.split(" ", 3)[1]).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        };
    }

    private static List<String> hosts(String head) {
        return values(head, "Host");
    }

    private static List<String> values(String head, String name) {
        return head.lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip())
                .toList();
    }
}
