package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The bounded body read: the final response's body is read up to the cap, on the wire, whatever
 * the framing (length, chunks, the connection's end), and what does not end in time is given as it
 * is, truncated. Hashes are checked against the JDK's own digest of what the server sent.
 */
@QuarkusTest
class BodyReadTest {

    private static JsonPath probe(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/probe")
                .then().statusCode(200).extract().jsonPath().setRootPath("results[0]");
    }

    private static Map<String, Object> bodyOf(String target, Object... more) {
        Map<String, Object> request = new HashMap<>(Map.of("targets", List.of(target), "body", true));
        for (int i = 0; i < more.length; i += 2) {
            request.put((String) more[i], more[i + 1]);
        }
        return request;
    }

    /** {@code n} bytes that are not all alike, so that a hash notices a byte out of place. */
    static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) ('a' + (i * 7 + i / 251) % 26);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void write(Socket socket, String head, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Test
    void aBodyWithALengthIsReadWholeWithGetAndTheEncodingsHeadProbeDecodes() throws Exception {
        byte[] page = bytes(5000);
        CompletableFuture<String> request = new CompletableFuture<>();
        try (RawServer server = RawServer.start(socket -> {
            request.complete(RawServer.head(socket.getInputStream()));
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", page);
        })) {
            JsonPath result = probe(bodyOf(server.url("/page")));
            assertEquals(5000, result.getInt("body.wireBytes"));
            assertEquals(5000, result.getInt("body.bytes"));
            assertFalse(result.getBoolean("body.truncated"));
            assertEquals(sha256(page), result.getString("body.sha256"));
            assertTrue(result.getDouble("timings.transferMs") >= 0);
            String head = request.get(5, TimeUnit.SECONDS);
            assertTrue(head.startsWith("GET /page HTTP/1.1\r\n"), head);
            assertTrue(head.toLowerCase().contains("\r\naccept-encoding: gzip, deflate, br\r\n"), head);
        }
    }

    @Test
    void withoutTheOptionNoBodyIsReadAndNoEncodingIsOffered() throws Exception {
        CompletableFuture<String> request = new CompletableFuture<>();
        try (RawServer server = RawServer.start(socket -> {
            request.complete(RawServer.head(socket.getInputStream()));
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n", "ok\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            JsonPath result = probe(Map.of("targets", List.of(server.url("/"))));
            assertNull(result.get("body"));
            assertNull(result.get("timings.transferMs"));
            String head = request.get(5, TimeUnit.SECONDS);
            assertTrue(head.startsWith("HEAD / "), head);
            assertFalse(head.toLowerCase().contains("accept-encoding"), head);
        }
    }

    @Test
    void chunksAreJoinedAndAClosedConnectionEndsABodyWithoutLength() throws Exception {
        byte[] page = bytes(3000);
        try (RawServer chunked = RawServer.start(socket -> write(socket,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "3e8\r\n"
                        + new String(page, 0, 1000, StandardCharsets.ISO_8859_1) + "\r\n" + "7d0\r\n"
                        + new String(page, 1000, 2000, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n",
                new byte[0]));
                RawServer untilClose = RawServer.start(socket -> {
                    RawServer.readHead(socket.getInputStream());
                    write(socket, "HTTP/1.0 200 OK\r\n\r\n", page);
                })) {
            for (RawServer server : List.of(chunked, untilClose)) {
                JsonPath result = probe(bodyOf(server.url("/")));
                assertEquals(3000, result.getInt("body.wireBytes"), server.url("/"));
                assertFalse(result.getBoolean("body.truncated"), server.url("/"));
                assertEquals(sha256(page), result.getString("body.sha256"), server.url("/"));
            }
        }
    }

    @Test
    void aBodyCutShortOfItsLengthIsTruncated() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n", bytes(4000));
        })) {
            JsonPath result = probe(bodyOf(server.url("/")));
            assertTrue(result.getBoolean("ok"));
            assertEquals(4000, result.getInt("body.wireBytes"));
            assertTrue(result.getBoolean("body.truncated"));
        }
    }

    @Test
    void aMalformedChunkEndsTheBodyTruncated() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\nzz\r\nnot a chunk\r\n",
                    new byte[0]);
            socket.getInputStream().read(); // holds the connection open until HeadProbe closes it
        })) {
            JsonPath result = probe(bodyOf(server.url("/")));
            assertTrue(result.getBoolean("ok"));
            assertEquals(4, result.getInt("body.wireBytes"));
            assertTrue(result.getBoolean("body.truncated"), "a bad chunk size is not the body's end");
        }
    }

    @Test
    void tenMegabytesStopAtTheCapAndTheServerCannotWriteThemAll() throws Exception {
        int size = 10 * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CompletableFuture<Long> done = new CompletableFuture<>();
        try (RawServer server = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] block = bytes(16384);
                while (written.get() < size) {
                    out.write(block);
                    written.addAndGet(block.length);
                }
            } finally {
                done.complete(written.get());
            }
        })) {
            JsonPath result = probe(bodyOf(server.url("/big"), "bodyMaxBytes", 65536));
            assertEquals(65536, result.getInt("body.wireBytes"));
            assertTrue(result.getBoolean("body.truncated"));
            long sent = done.get(10, TimeUnit.SECONDS);
            assertTrue(sent < size, "the connection closed at the cap: the server wrote " + sent + " of " + size);
        }
    }

    @Test
    void anEndlessBodyGivesWhatCameWithinTheTimeoutMarkedTruncated() throws Exception {
        try (RawServer server = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write("4\r\ndrip\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20); // the target's slowness, not a wait for the test
            }
        })) {
            JsonPath result = probe(bodyOf(server.url("/drip"), "timeoutMs", 800));
            assertTrue(result.getBoolean("ok"), result.prettify());
            assertTrue(result.getBoolean("body.truncated"));
            assertTrue(result.getInt("body.wireBytes") > 0);
            assertEquals(0, result.getInt("body.wireBytes") % 4, "whole chunks of 'drip'");
            // Given at the timeout, not after it (a loop busy elsewhere may run the deadline a little late).
            assertTrue(result.getDouble("timings.totalMs") < 800 + 250, "at the timeout: " + result.getDouble("timings.totalMs"));
        }
    }

    @Test
    void onlyTheFinalResponseBodyIsReadAcrossRedirects() throws Exception {
        byte[] page = bytes(2000);
        try (RawServer last = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", page);
        });
                RawServer first = RawServer.start(socket -> {
                    RawServer.readHead(socket.getInputStream());
                    write(socket, "HTTP/1.1 302 Found\r\nLocation: " + last.url("/end") + "\r\nContent-Length: 9000\r\n\r\n",
                            bytes(9000));
                })) {
            JsonPath result = probe(bodyOf(first.url("/start")));
            assertEquals(200, result.getInt("status"));
            assertEquals(1, result.getList("redirects").size());
            assertEquals(2000, result.getInt("body.wireBytes"));
            assertEquals(sha256(page), result.getString("body.sha256"));
        }
    }

    @Test
    void aBodyCannotBeReadWithHeadAndTheCapHasALimit() {
        given().contentType(ContentType.JSON).body(Map.of("targets", List.of("http://127.0.0.1:1/"), "body", true,
                "method", "HEAD")).post("/probe")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("GET"));
        given().contentType(ContentType.JSON).body(Map.of("targets", List.of("http://127.0.0.1:1/"), "body", true,
                "bodyMaxBytes", 262145)).post("/probe")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("bodyMaxBytes"));
        given().contentType(ContentType.JSON).body(Map.of("targets", List.of("http://127.0.0.1:1/"), "bodyMaxBytes", 10))
                .post("/probe")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("body"));
    }
}
