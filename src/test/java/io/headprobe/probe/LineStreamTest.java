package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.Ndjson;
import io.headprobe.testing.RawServer;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POST /probe/stream with a text body: one target per line, read as the probes go, so a list of
 * any length is answered in the memory of a few targets (bench/cli-memory.sh measures that).
 */
@QuarkusTest
class LineStreamTest {

    static RawServer target;

    @BeforeAll
    static void startTarget() {
        target = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"));
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void aResultComesBackWhileTheBodyIsStillArriving() throws IOException {
        try (Socket app = new Socket("127.0.0.1", RestAssured.port)) {
            app.setSoTimeout(20_000);
            OutputStream out = app.getOutputStream();
            out.write(("POST /probe/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, "# a comment\n" + target.url("/first") + "\n");
            ChunkedLines results = new ChunkedLines(app.getInputStream());
            assertTrue(results.head.startsWith("HTTP/1.1 200"), results.head);
            assertTrue(results.head.toLowerCase().contains("content-type: application/x-ndjson"), results.head);

            JsonNode first = new ObjectMapper().readTree(results.next());
            assertEquals(target.url("/first"), first.get("target").asText(), "answered before the body ended");
            assertEquals(204, first.get("status").asInt());

            chunk(out, target.url("/second") + "\n");
            assertEquals(target.url("/second"), new ObjectMapper().readTree(results.next()).get("target").asText());
            chunk(out, "");
            assertEquals(null, results.next(), "the body's end ends the stream");
        }
    }

    @Test
    void anOverlongLineIsOneFailedResultAndTheOthersGoOn() {
        String tooLong = "https://" + "a".repeat(9000) + ".example/";
        List<JsonNode> results = Ndjson.read(given().contentType("text/plain")
                .body(tooLong + "\n\n# a comment\n  " + target.url("/ok") + "  \n")
                .when().post("/probe/stream")
                .then().statusCode(200).contentType(startsWith("application/x-ndjson"))
                .extract().asString());
        assertEquals(2, results.size(), results.toString());
        JsonNode failed = results.stream().filter(result -> !result.get("ok").asBoolean()).findFirst().orElseThrow();
        assertEquals("INVALID_TARGET", failed.at("/error/code").asText());
        assertEquals("line 1 is longer than 8192 characters", failed.at("/error/message").asText());
        assertTrue(failed.get("target").asText().length() < 100, "an over-long line is not echoed whole");
        JsonNode ok = results.stream().filter(result -> result.get("ok").asBoolean()).findFirst().orElseThrow();
        assertEquals(target.url("/ok"), ok.get("target").asText(), "white space around a target is dropped");
    }

    @Test
    void theOptionsOfGetProbeComeAsQueryParameters() {
        List<JsonNode> results = Ndjson.read(given().contentType("text/plain").queryParam("method", "GET").queryParam("audit", "true")
                .body(target.url("/graded") + "\n")
                .when().post("/probe/stream")
                .then().statusCode(200).extract().asString());
        assertEquals(1, results.size());
        assertEquals("F", results.get(0).at("/audit/grade").asText());

        given().contentType("text/plain").queryParam("timeoutMs", "soon").body(target.url("/") + "\n")
                .when().post("/probe/stream")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("timeoutMs"));
    }

    @Test
    void serverSentEventsWhenAsked() {
        given().contentType("text/plain").accept("text/event-stream").body(target.url("/sse") + "\n")
                .when().post("/probe/stream")
                .then().statusCode(200).contentType(startsWith("text/event-stream"))
                .body(containsString("data:{\"target\":\"" + target.url("/sse") + "\""));
    }

    @Test
    void aLineBodyMayBeLongerThanAJsonOne() {
        // 2 MiB of comments: over headprobe.probe.max-body-bytes (1 MiB), under the line stream's own limit.
        String comments = "# " + "c".repeat(1021) + "\n";
        given().contentType("text/plain").body(comments.repeat(2048))
                .when().post("/probe/stream")
                .then().statusCode(200).body(equalTo(""));
        given().contentType("application/json").body("{\"targets\": [\"" + "x".repeat(2 << 20) + "\"]}")
                .when().post("/probe/stream")
                .then().statusCode(413);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        int fetched = target.connections();
        try (Socket app = new Socket("127.0.0.1", RestAssured.port)) {
            app.setSoTimeout(20_000);
            app.getOutputStream().write(("POST /probe/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 134217729\r\n\r\n" + target.url("/never") + "\n").getBytes(StandardCharsets.US_ASCII));
            String head = RawServer.head(app.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 413"), head);
            assertTrue(head.toLowerCase().contains("application/problem+json"), head);
        }
        assertEquals(fetched, target.connections(), "nothing of the refused body was probed");
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The lines of a chunked HTTP/1.1 response, read as they come. */
    private static final class ChunkedLines {
        final String head;
        private final InputStream in;
        private final StringBuilder pending = new StringBuilder();
        private boolean ended;

        ChunkedLines(InputStream in) throws IOException {
            this.in = in;
            this.head = RawServer.head(in);
        }

        /** The next line, or null at the response's end. */
        String next() throws IOException {
            while (pending.indexOf("\n") < 0 && !ended) {
                int size = Integer.parseInt(line().strip(), 16);
                if (size == 0) {
                    ended = true;
                } else {
                    pending.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                    line();
                }
            }
            int end = pending.indexOf("\n");
            if (end < 0) {
                return null;
            }
            String line = pending.substring(0, end);
            pending.delete(0, end + 1);
            return line.isBlank() ? next() : line;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new IOException("the response ended inside a chunk");
                }
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
