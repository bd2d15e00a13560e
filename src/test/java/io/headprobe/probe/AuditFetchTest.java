package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.headprobe.testing.TestCa;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An audit fetches what Observatory fetches: the page with its body (scripts and meta tags are
 * graded), /robots.txt, and a CORS preflight from Observatory's origin; and it grades a page whose
 * certificate failed, unverified, as Observatory does, while the result still says it failed.
 */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class AuditFetchTest {

    private record Seen(String method, String path, String origin, String requestMethod) {
    }

    private static JsonPath audit(String target) {
        return given().contentType(ContentType.JSON).body(Map.of("targets", List.of(target), "audit", true))
                .post("/probe").then().statusCode(200).extract().jsonPath().setRootPath("results[0]");
    }

    private static Map<String, Object> finding(JsonPath result, String test) {
        List<Map<String, Object>> findings = result.getList("audit.findings");
        return findings.stream().filter(f -> test.equals(f.get("test"))).findFirst().orElse(null);
    }

    @Test
    void thePageItsRobotsTxtAndAPreflightFromObservatorysOriginAreGraded() throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Origin"),
                    exchange.getRequestHeaders().getFirst("Access-Control-Request-Method")));
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                // A server that lets any origin read with credentials: what Observatory calls universal access.
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", exchange.getRequestHeaders().getFirst("Origin"));
                exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
                send(exchange, 204, new byte[0]);
            } else if (exchange.getRequestURI().getPath().equals("/robots.txt")) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                send(exchange, 200, "User-agent: *\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                send(exchange, 200, ("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                        + "<script src=\"http://cdn.example.net/x.js\"></script></head></html>").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        try {
            JsonPath result = audit("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertTrue(result.getBoolean("ok"));
            assertEquals("sri-not-implemented-and-external-scripts-not-loaded-securely", finding(result, "sri").get("result"));
            assertEquals("csp-implemented-with-no-unsafe-default-src-none", finding(result, "csp").get("result"),
                    "the policy is only in a meta tag");
            assertEquals("cross-origin-resource-sharing-implemented-with-universal-access", finding(result, "cors").get("result"));
            assertEquals(-50, finding(result, "cors").get("modifier"));
            assertTrue(seen.contains(new Seen("GET", "/", null, null)), seen.toString());
            assertTrue(seen.contains(new Seen("GET", "/robots.txt", null, null)), seen.toString());
            assertTrue(seen.contains(new Seen("OPTIONS", "/", "https://http-observatory.security.mozilla.org", "GET")),
                    seen.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theAuditsOwnFetchesShareTheTargetsTimeout() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                if (exchange.getRequestURI().getPath().equals("/robots.txt")) {
                    released.await(); // a robots.txt that never comes
                } else if (exchange.getRequestMethod().equals("GET")) {
                    Thread.sleep(1500); // the page's own slowness: most of the target's timeout
                }
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                send(exchange, 200, "<html></html>".getBytes(StandardCharsets.US_ASCII));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            long start = System.nanoTime();
            JsonPath result = given().contentType(ContentType.JSON)
                    .body(Map.of("targets", List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "audit", true,
                            "timeoutMs", 2000))
                    .post("/probe").then().statusCode(200).extract().jsonPath().setRootPath("results[0]");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(result.getBoolean("ok"));
            assertNotNull(result.get("audit"));
            // Each fetch with a whole timeout of its own would take 1.5 s + 2 s.
            assertTrue(tookMs < 3000, "the audit took " + tookMs + " ms of a 2000 ms timeout");
        } finally {
            released.countDown();
            server.stop(0);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aPageWhoseCertificateFailsIsGradedUnverifiedAndStillFails() {
        TestCa.Leaf leaf = TlsProbeTest.ca().selfSignedLeaf("127.0.0.1");
        try (TlsServer server = TlsServer.start(leaf)) {
            JsonPath result = audit(server.url("/"));
            assertFalse(result.getBoolean("ok"));
            assertEquals("TLS_FAILURE", result.getString("error.code"));
            assertNotNull(result.get("audit"), "graded as Observatory grades it: fetched again without verifying");
            assertEquals("hsts-invalid-cert", finding(result, "hsts").get("result"));
        }
    }
}
