package io.headprobe.wget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WgetResourceTest {

    static HttpServer seedHost;
    static HttpServer missingPage;
    static ServerSocket silent;

    @BeforeAll
    static void startTargets() {
        seedHost = Loopback.answering(200, Map.of("X-Seed", List.of("yes"), "Set-Cookie", List.of("a=1", "b=2")));
        missingPage = Loopback.answering(404, Map.of());
        silent = Loopback.silent();
    }

    @AfterAll
    static void stopTargets() throws IOException {
        seedHost.stop(0);
        missingPage.stop(0);
        silent.close();
    }

    @Test
    void printsEveryHeaderLineOfEachTargetInTheOrderGiven() {
        String known = Loopback.url(seedHost, "/");
        String app = "http://127.0.0.1:" + RestAssured.port + "/hello/wget";
        String missing = Loopback.url(missingPage, "/nothing");

        List<String> lines = wget(known, app, missing);

        assertEquals(List.of(known + " header > HTTP/1.1 200 OK", app + " header > HTTP/1.1 200 OK",
                missing + " header > HTTP/1.1 404 Not Found"), statusLines(lines), lines::toString);
        // Each target's lines form one block, in the order given: no interleaving of the concurrent fetches.
        assertEquals(List.of(known, app, missing), blockOrder(lines, known, app, missing), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.equalsIgnoreCase(known + " header > X-Seed: yes")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.equalsIgnoreCase(known + " header > Set-Cookie: a=1")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.equalsIgnoreCase(known + " header > Set-Cookie: b=2")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.equalsIgnoreCase(app + " header > Content-Type: text/html;charset=UTF-8")),
                lines::toString);
        assertTrue(lines.stream().allMatch(l -> l.startsWith(known + " header > ") || l.startsWith(app + " header > ")
                || l.startsWith(missing + " header > ")), lines::toString);
    }

    @Test
    void aFailingTargetGetsOneErrorLineAndSpoilsNoOther() {
        String refused = "http://127.0.0.1:" + Loopback.refusingPort() + "/";
        String mute = Loopback.url(silent, "/");
        String known = Loopback.url(seedHost, "/");

        List<String> lines = wget(refused, mute, known);

        assertTrue(lines.get(0).startsWith(refused + " error > connection failed"), lines::toString);
        assertTrue(lines.get(1).startsWith(mute + " error > no response within 2000 ms"), lines::toString);
        assertEquals(known + " header > HTTP/1.1 200 OK", lines.get(2));
    }

    @Test
    void anUnusableTargetIsReportedOnItsOwnLine() {
        String known = Loopback.url(seedHost, "/");

        // nosuch.test is in no hosts file, and the test profile's DNS server is a dead loopback port.
        List<String> lines = wget("ftp://127.0.0.1/", "http://exa mple/", "nosuch.test", known);

        assertEquals("ftp://127.0.0.1/ error > only http URLs can be fetched by /wget, not 'ftp'", lines.get(0));
        assertEquals("http://exa mple/ error > not a valid URL: http://exa mple/", lines.get(1));
        // The dead server says nothing: the line says so, not that the name does not exist.
        assertEquals("nosuch.test error > unknown host: nosuch.test (no answer within 300 ms)", lines.get(2));
        assertEquals(known + " header > HTTP/1.1 200 OK", lines.get(3));
    }

    @Test
    void connectsToTheCheckedAddressAndNamesTheHostInTheHostHeader() throws Exception {
        BlockingQueue<String> heads = new LinkedBlockingQueue<>();
        try (RawServer server = RawServer.start(recording(heads))) {
            String named = "http://allowed.test:" + server.port() + "/page?q=1";

            List<String> lines = wget(named);

            assertEquals(named + " header > HTTP/1.1 204 No Content", lines.get(0), lines::toString);
            String head = heads.poll(5, TimeUnit.SECONDS);
            // The server listens on 127.0.0.1 only, and the JVM's own resolver does not know
            // allowed.test: the REST client was handed the address from the hosts file.
            assertEquals("connected to 127.0.0.1", head.lines().findFirst().orElseThrow(), head);
            assertTrue(head.contains("\nGET /page?q=1 HTTP/1.1\r\n"), head);
            assertEquals(List.of("Host: allowed.test:" + server.port()),
                    head.lines().filter(l -> l.regionMatches(true, 0, "Host:", 0, 5)).toList(), head);
            assertEquals(1, server.connections());
        }
    }

    @Test
    void refusesANameWithABlockedAddressWithoutConnectingAndFetchesTheOthers() {
        // blocked.test is 127.0.0.2, outside the test profile's allow list (127.0.0.1/32); mixed.test
        // is 127.0.0.1 and 127.0.0.2: one blocked address refuses the name although the other is fine.
        try (RawServer onBlocked = RawServer.on("127.0.0.2", RawServer.answering(NO_CONTENT));
                RawServer onAllowed = RawServer.start(RawServer.answering(NO_CONTENT))) {
            String blocked = "http://blocked.test:" + onBlocked.port() + "/";
            String literal = onBlocked.url("/");
            String mixed = "http://mixed.test:" + onAllowed.port() + "/";
            String known = Loopback.url(seedHost, "/");

            List<String> lines = wget(blocked, literal, mixed, known);

            assertEquals(List.of(
                    blocked + " error > blocked.test resolves to 127.0.0.2, which is not a public address",
                    literal + " error > 127.0.0.2 is not a public address",
                    mixed + " error > mixed.test resolves to 127.0.0.2, which is not a public address",
                    known + " header > HTTP/1.1 200 OK"), lines.subList(0, 4));
            assertEquals(0, onBlocked.connections(), "the blocked address was connected to");
            assertEquals(0, onAllowed.connections(), "a name with a blocked address was connected to");
        }
    }

    @Test
    void refusesHttpsInOneLineWithoutConnecting() {
        try (RawServer server = RawServer.start(RawServer.answering(NO_CONTENT))) {
            String https = "https://127.0.0.1:" + server.port() + "/";
            String known = Loopback.url(seedHost, "/");

            List<String> lines = wget(https, known);

            assertEquals(https + " error > https is not supported by /wget; use /probe", lines.get(0));
            assertEquals(known + " header > HTTP/1.1 200 OK", lines.get(1));
            assertEquals(0, server.connections());
        }
    }

    @Test
    void readsOnlyTheHeadOfAnEndlessBodyAndDropsTheConnection() throws Exception {
        String known = Loopback.url(seedHost, "/");
        BlockingQueue<Long> written = new LinkedBlockingQueue<>();
        try (RawServer server = RawServer.start(endlessBody(written))) {
            String untilClose = server.url("/until-close");
            String chunked = server.url("/chunked");
            String missing = server.url("/missing");

            List<String> lines = wget(untilClose, chunked, missing);

            // Each head came before the timeout, although no body ever ends.
            assertEquals(List.of(untilClose + " header > HTTP/1.1 200 OK", chunked + " header > HTTP/1.1 200 OK",
                    missing + " header > HTTP/1.1 404 Not Found"), statusLines(lines), lines::toString);
            assertTrue(lines.contains(chunked + " header > Transfer-Encoding: chunked"), lines::toString);
            for (int i = 0; i < 3; i++) {
                Long bytes = written.poll(10, TimeUnit.SECONDS);
                assertNotNull(bytes, "a connection streaming an endless body was left open");
                assertTrue(bytes < ENDLESS_BODY_BOUND, bytes + " bytes of body were sent before the connection was dropped");
            }

            // No pooled connection is left with an unread body: the next call gets a new one and a clean answer.
            String small = server.url("/small");
            assertEquals(small + " header > HTTP/1.1 204 No Content", wget(small).get(0));
            assertEquals(4, server.connections());
            assertEquals(known + " header > HTTP/1.1 200 OK", wget(known).get(0));
        }
    }

    @Test
    void refusesNoTargets() {
        given().when().get("/wget")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", equalTo("the number of 'target' parameters must be from 1 to 100, got 0"));
    }

    @Test
    void refusesMoreThanAHundredTargets() {
        Object[] targets = Collections.nCopies(101, "http://127.0.0.1:1/").toArray();
        given().queryParam("target", targets).when().get("/wget")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the number of 'target' parameters must be from 1 to 100, got 101"));
    }

    private static List<String> wget(String... targets) {
        String body = given().queryParam("target", (Object[]) targets).when().get("/wget")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .extract().asString();
        return Arrays.asList(body.split("\n"));
    }

    private static List<String> statusLines(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" header > HTTP/")).toList();
    }

    /** The targets in the order their blocks of lines appear, one entry per block. */
    private static List<String> blockOrder(List<String> lines, String... targets) {
        List<String> order = new ArrayList<>();
        for (String line : lines) {
            String target = Arrays.stream(targets).filter(t -> line.startsWith(t + " ")).findFirst().orElse(line);
            if (order.isEmpty() || !order.get(order.size() - 1).equals(target)) {
                order.add(target);
            }
        }
        return order;
    }

    static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

    /** Puts "connected to ADDRESS" and the request head into {@code heads}, then answers 204. */
    static RawServer.Script recording(BlockingQueue<String> heads) {
        return socket -> {
            heads.add("connected to " + socket.getLocalAddress().getHostAddress() + "\n" + head(socket));
            socket.getOutputStream().write(NO_CONTENT.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        };
    }

    /** More than a client that stops reading after the head can have let through its socket buffers. */
    static final long ENDLESS_BODY_BOUND = 16L << 20;

    /**
     * Answers /small with {@link #NO_CONTENT}; any other path with a head (404 for /missing, chunked
     * for /chunked) and a body that never ends: it writes until the client hangs up, then puts the
     * bytes of body it could write into {@code written}. It stops writing (but keeps the connection
     * open) after four times the bound, so that a client that buffers bodies fails the test and
     * not the test JVM.
     */
    static RawServer.Script endlessBody(BlockingQueue<Long> written) {
        return socket -> {
            String path = head(socket).split(" ", 3)[1];
            OutputStream out = socket.getOutputStream();
            if (path.equals("/small")) {
                out.write(NO_CONTENT.getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            boolean chunked = path.equals("/chunked");
            String head = (path.equals("/missing") ? "HTTP/1.1 404 Not Found\r\n" : "HTTP/1.1 200 OK\r\n")
                    + "Content-Type: application/octet-stream\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            // One piece of body: 64 KiB of data, framed as a chunk when the body is chunked.
            int data = 64 * 1024;
            byte[] piece = chunked
                    ? (Integer.toHexString(data) + "\r\n" + "x".repeat(data) + "\r\n").getBytes(StandardCharsets.ISO_8859_1)
                    : new byte[data];
            long sent = 0;
            try {
                while (sent < 4 * ENDLESS_BODY_BOUND) {
                    out.write(piece);
                    sent += data;
                }
                out.flush();
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException hungUp) {
                // the client closed the connection: what was sent so far is the answer
            }
            written.add(sent);
        };
    }

    private static String head(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (b = in.read()) != -1) {
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
