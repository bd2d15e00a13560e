package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;

/** Given servers on loopback, when probed, then each target gets the result it deserves. */
@QuarkusTest
class ProbeResourceTest {

    static final String HEAD_IN_ORDER = "HTTP/1.1 200 OK\r\nX-First: 1\r\nset-cookie: a=1\r\nContent-Length: 0\r\n"
            + "Set-Cookie: b=2\r\nx-LAST: z\r\n\r\n";

    static RawServer ordered;
    static RawServer notFound;
    static RawServer silent;
    static RawServer garbage;
    static RawServer hugeHead;
    static RawServer resetting;
    static RawServer dripping;
    static RawServer redirectLoop;
    static RawServer chainStart;
    static RawServer chainMiddle;
    static RawServer blockedListener;
    static RawServer toBlocked;
    static RawServer plainText;

    @BeforeAll
    static void startTargets() {
        ordered = RawServer.start(RawServer.answering(HEAD_IN_ORDER));
        notFound = RawServer.start(RawServer.answering("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        silent = RawServer.start(socket -> socket.getInputStream().transferTo(OutputStream.nullOutputStream()));
        garbage = RawServer.start(RawServer.answering("garbage that is no HTTP at all\r\n\r\n"));
        // About 100 KiB of headers, over the test profile's 64 KiB limit.
        hugeHead = RawServer.start(RawServer.answering("HTTP/1.1 200 OK\r\n"
                + ("X-Filler: " + "f".repeat(1000) + "\r\n").repeat(101) + "\r\n"));
        resetting = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            socket.setSoLinger(true, 0);
        });
        dripping = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
            while (true) {
                out.write('z');
                out.flush();
                Thread.sleep(100);
            }
        });
        redirectLoop = RawServer.start(RawServer.answering("HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"));
        chainMiddle = RawServer.start(RawServer.answering(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: " + ordered.url("/end") + "\r\nContent-Length: 0\r\n\r\n"));
        chainStart = RawServer.start(RawServer.answering(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + chainMiddle.url("/middle") + "\r\nContent-Length: 0\r\n\r\n"));
        // Speaks first, as a plain HTTP server does when a TLS ClientHello arrives.
        plainText = RawServer.start(socket -> socket.getOutputStream()
                .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        blockedListener = RawServer.on("127.0.0.2", RawServer.answering(HEAD_IN_ORDER));
        toBlocked = RawServer.start(RawServer.answering(
                "HTTP/1.1 302 Found\r\nLocation: " + blockedListener.url("/") + "\r\nContent-Length: 0\r\n\r\n"));
    }

    @AfterAll
    static void stopTargets() {
        for (RawServer server : List.of(ordered, notFound, silent, garbage, hugeHead, resetting, dripping, redirectLoop,
                chainStart, chainMiddle, blockedListener, toBlocked, plainText)) {
            server.close();
        }
    }

    @Test
    void keepsHeadersInWireOrderWithTheirCaseAndDuplicates() {
        probe(Map.of("targets", List.of(ordered.url("/"))))
                .body("results[0].ok", equalTo(true))
                .body("results[0].status", equalTo(200))
                .body("results[0].httpVersion", equalTo("HTTP/1.1"))
                .body("results[0].headers.name", contains("X-First", "set-cookie", "Content-Length", "Set-Cookie", "x-LAST"))
                .body("results[0].headers.value", contains("1", "a=1", "0", "b=2", "z"))
                .body("results[0].remoteAddress", equalTo("127.0.0.1"))
                .body("results[0].error", nullValue())
                .body("results[0].audit", nullValue());
    }

    @Test
    void answersInTheOrderOfTheTargetsWithASummary() {
        String refused = "http://127.0.0.1:" + Loopback.refusingPort() + "/";
        probe(Map.of("targets", List.of(notFound.url("/x"), refused, ordered.url("/"))))
                .body("results.target", contains(notFound.url("/x"), refused, ordered.url("/")))
                .body("results.ok", contains(true, false, true))
                .body("results[0].status", equalTo(404))
                .body("results[1].error.code", equalTo("CONNECT_FAILED"))
                .body("summary.total", equalTo(3))
                .body("summary.ok", equalTo(2))
                .body("summary.failed", equalTo(1))
                .body("summary.byStatus.'2xx'", equalTo(1))
                .body("summary.byStatus.'4xx'", equalTo(1))
                .body("summary.byError.CONNECT_FAILED", equalTo(1));
    }

    @Test
    void givesEachHostileTargetItsErrorCodeWithoutSpoilingTheOthers() {
        List<String> targets = List.of(
                silent.url("/"),
                garbage.url("/"),
                hugeHead.url("/"),
                resetting.url("/"),
                dripping.url("/"),
                redirectLoop.url("/"),
                "https://127.0.0.1:" + plainText.port() + "/",
                "http://unknown.test/",
                "ftp://127.0.0.1/",
                ordered.url("/"));
        probe(Map.of("targets", targets, "timeoutMs", 2000))
                .body("results.collect { it.error?.code }", contains("TIMEOUT", "PROTOCOL_ERROR", "HEADERS_TOO_LARGE", "PROTOCOL_ERROR",
                        "TIMEOUT", "TOO_MANY_REDIRECTS", "TLS_FAILURE", "DNS_FAILURE", "INVALID_TARGET", null))
                .body("results[5].redirects", hasSize(5))
                // says what happened, not the plain-text answer as a hex dump of a "TLS record"
                .body("results[6].error.message", startsWith("TLS handshake failed: "))
                .body("results[9].status", equalTo(200));
    }

    @Test
    void followsARedirectChainAndReportsEachHop() {
        probe(Map.of("targets", List.of(chainStart.url("/start"))))
                .body("results[0].status", equalTo(200))
                .body("results[0].url", equalTo(ordered.url("/end")))
                .body("results[0].redirects.status", contains(307, 301))
                .body("results[0].redirects.url", contains(chainStart.url("/start"), chainMiddle.url("/middle")))
                .body("results[0].redirects.location", contains(chainMiddle.url("/middle"), ordered.url("/end")));
    }

    @Test
    void reportsTheRedirectItselfWhenNotFollowing() {
        probe(Map.of("targets", List.of(chainStart.url("/start")), "followRedirects", false))
                .body("results[0].status", equalTo(307))
                .body("results[0].redirects", hasSize(0))
                .body("results[0].headers.find { it.name == 'Location' }.value", equalTo(chainMiddle.url("/middle")));
    }

    @Test
    void blocksAddressesOutsideTheAllowListWithoutConnecting() {
        int before = blockedListener.connections();
        probe(Map.of("targets", List.of(blockedListener.url("/"), "http://blocked.test:" + blockedListener.port() + "/",
                toBlocked.url("/"), "http://[::1]:" + blockedListener.port() + "/")))
                .body("results.error.code", contains("BLOCKED_ADDRESS", "BLOCKED_ADDRESS", "BLOCKED_ADDRESS", "BLOCKED_ADDRESS"))
                .body("results[2].redirects", hasSize(1))
                .body("results[2].url", equalTo(blockedListener.url("/")));
        assertEquals(before, blockedListener.connections(), "the blocked listener was connected to");
    }

    @Test
    void resolvesNamesFromTheHostsFileAndChecksThem() {
        probe(Map.of("targets", List.of("http://allowed.test:" + ordered.port() + "/")))
                .body("results[0].status", equalTo(200))
                .body("results[0].remoteAddress", equalTo("127.0.0.1"));
    }

    @Test
    void streamsEachResultAsItsTargetFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer held = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            release.await(20, TimeUnit.SECONDS);
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            String body = new ObjectMapper().writeValueAsString(Map.of("targets", List.of(held.url("/"), ordered.url("/"))));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/probe/stream"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                JsonNode first = new ObjectMapper().readTree(lines.readLine());
                assertEquals(ordered.url("/"), first.get("target").asText(), "the fast target comes first");
                release.countDown();
                JsonNode second = new ObjectMapper().readTree(lines.readLine());
                assertEquals(204, second.get("status").asInt());
                assertEquals(null, lines.readLine());
            }
        }
    }

    @Test
    void offersServerSentEventsWhenAsked() {
        given().contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("targets", List.of(ordered.url("/"))))
                .when().post("/probe/stream")
                .then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .body(containsString("data:{\"target\":\"" + ordered.url("/") + "\""));
    }

    @Test
    void probesByQueryForCurlUsers() {
        given().queryParam("target", ordered.url("/"), notFound.url("/"))
                .queryParam("method", "GET")
                .when().get("/probe")
                .then().statusCode(200)
                .body("results.status", contains(200, 404));
    }

    @Test
    void auditsOneTarget() {
        given().queryParam("target", ordered.url("/"))
                .when().get("/audit")
                .then().statusCode(200)
                .body("status", equalTo(200))
                .body("audit.grade", equalTo("F"))
                .body("audit.findings.find { it.test == 'hsts' }.modifier", equalTo(-20));
    }

    @Test
    void addsHttpsWhenTheSchemeIsMissing() {
        probe(Map.of("targets", List.of("127.0.0.1:" + plainText.port())))
                .body("results[0].url", equalTo("https://127.0.0.1:" + plainText.port() + "/"))
                .body("results[0].error.code", equalTo("TLS_FAILURE"));
    }

    private static ValidatableResponse probe(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/probe")
                .then().statusCode(200)
                .contentType(ContentType.JSON);
    }
}
