package io.headprobe.body;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Body facts end to end: a loopback server sends pages in each content coding, a compression
 * bomb, a titled page and icons; HeadProbe reads them through its fetcher and reports what
 * independent code (the JDK's digests, Python's MurmurHash3) says they are.
 */
@QuarkusTest
class BodyProbeTest {

    private static final byte[] ICON = "\u0000\u0000\u0001\u0000 not really an icon, but bytes all the same"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] LINKED_ICON = "linked icon bytes \u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1);

    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        byte[] ukko = DecodingTest.UKKO.getBytes(StandardCharsets.UTF_8);
        serve("/gzip", "gzip", "text/plain", DecodingTest.gzip(ukko));
        serve("/deflate", "deflate", "text/plain", DecodingTest.deflate(ukko, false));
        serve("/br", "br", "text/plain", DecodingTest.UKKO_BR);
        serve("/bomb", "gzip", "text/plain", DecodingTest.gzipOfZeros(10L * 1024 * 1024));
        serve("/titled", null, "text/html; charset=utf-8",
                "<html><head><title>\n  Caf&eacute;   &amp;\tBar </title><link rel=\"icon\" href=\"/img/i.png\"></head></html>"
                        .getBytes(StandardCharsets.UTF_8));
        serve("/plain.html", null, "text/html", "<html><head><title>no icon link</title></head></html>"
                .getBytes(StandardCharsets.UTF_8));
        serve("/img/i.png", null, "image/png", LINKED_ICON);
        serve("/favicon.ico", null, "image/x-icon", ICON);
        server.start();
    }

    private static void serve(String path, String coding, String type, byte[] body) {
        server.createContext(path, exchange -> {
            if (coding != null) {
                exchange.getResponseHeaders().add("Content-Encoding", coding);
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            send(exchange, body);
        });
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // HeadProbe closed at its cap: that is the point of some tests
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static JsonPath probe(String path, Object... more) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("targets", List.of(url(path)), "body", true));
        for (int i = 0; i < more.length; i += 2) {
            request.put((String) more[i], more[i + 1]);
        }
        return given().contentType(ContentType.JSON).body(request).post("/probe")
                .then().statusCode(200).extract().jsonPath().setRootPath("results[0]");
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @Test
    void gzipDeflateAndBrotliBodiesAreDecodedBeforeTheyAreHashed() throws Exception {
        byte[] ukko = DecodingTest.UKKO.getBytes(StandardCharsets.UTF_8);
        for (String coding : List.of("gzip", "deflate", "br")) {
            JsonPath result = probe("/" + coding);
            assertEquals(coding, result.getString("body.encoding"));
            assertEquals(ukko.length, result.getInt("body.bytes"), coding);
            assertTrue(result.getInt("body.wireBytes") < ukko.length, coding + " arrives compressed");
            assertFalse(result.getBoolean("body.truncated"), coding);
            assertEquals(hex("SHA-256", ukko), result.getString("body.sha256"), coding);
            assertEquals(PythonMmh3.httpxBody(ukko), result.getString("body.mmh3"), coding);
            assertNull(result.get("body.title"), "text/plain is not parsed");
        }
    }

    @Test
    void aGzipBombStopsAtTheCap() {
        JsonPath result = probe("/bomb", "bodyMaxBytes", 65536);
        assertEquals(65536, result.getInt("body.bytes"));
        assertTrue(result.getInt("body.wireBytes") <= 65536);
        assertTrue(result.getBoolean("body.truncated"));
    }

    @Test
    void theTitleIsWhatABrowserShows() {
        assertEquals("Café & Bar", probe("/titled").getString("body.title"));
    }

    @Test
    void theFaviconIsTheLinkedIconElseFaviconIcoHashedAsShodanDoes() throws Exception {
        JsonPath linked = probe("/titled", "favicon", true);
        assertEquals(url("/img/i.png"), linked.getString("body.favicon.url"));
        assertEquals(200, linked.getInt("body.favicon.status"));
        assertEquals(PythonMmh3.favicon(LINKED_ICON), linked.getString("body.favicon.mmh3"));
        assertEquals(hex("MD5", LINKED_ICON), linked.getString("body.favicon.md5"));

        JsonPath fallback = probe("/plain.html", "favicon", true);
        assertEquals(url("/favicon.ico"), fallback.getString("body.favicon.url"));
        assertEquals(PythonMmh3.favicon(ICON), fallback.getString("body.favicon.mmh3"));

        assertNull(probe("/plain.html").get("body.favicon"), "no icon unless asked for");
    }
}
