package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.headprobe.http.Header;
import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Observatory's redirection test, graded from the hops HeadProbe itself took: only for a target
 * given as plain http, whose first hop is the http one.
 */
@QuarkusTest
class RedirectionAuditTest {

    static RawServer stays;
    static RawServer toHttps;
    static RawServer toHttp;

    @BeforeAll
    static void start() {
        stays = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"));
        // Nothing listens on port 1: the https hop is never fetched, the route is known from Location.
        toHttps = RawServer.start(RawServer.answering("HTTP/1.1 301 Moved\r\nLocation: https://127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n"));
        toHttp = RawServer.start(RawServer.answering(
                "HTTP/1.1 302 Found\r\nLocation: " + stays.url("/next") + "\r\nContent-Length: 0\r\n\r\n"));
    }

    @AfterAll
    static void stop() {
        stays.close();
        toHttps.close();
        toHttp.close();
    }

    @Test
    void anHttpTargetThatStaysOnHttpMissesTheRedirect() {
        audit(stays.url("/"), true).body("result", equalTo("redirection-missing")).body("modifier", equalTo(-20));
    }

    @Test
    void aFirstHopToHttpsPasses() {
        audit(toHttps.url("/"), false).body("result", equalTo("redirection-to-https")).body("pass", equalTo(true));
    }

    @Test
    void aRedirectThatStaysOnHttpFails() {
        audit(toHttp.url("/"), true).body("result", equalTo("redirection-not-to-https"));
    }

    @Test
    void anHttpsTargetHasNoRedirectionFinding() {
        assertNull(Prober.route(result("https://example.org/", 200, List.of(), List.of())));
    }

    @Test
    void theRouteRunsFromTheHttpUrlThroughEveryHop() {
        List<ProbeResult.Redirect> hops = List.of(new ProbeResult.Redirect("http://a.example/", 301, "https://a.example/", null, null, null),
                new ProbeResult.Redirect("https://a.example/", 302, "/home", null, null, null));
        assertEquals(List.of("http://a.example/", "https://a.example/", "https://a.example/home"),
                Prober.route(result("https://a.example/home", 200, hops, List.of())));
        assertEquals(List.of("http://a.example/", "https://a.example/x"),
                Prober.route(result("http://a.example/", 308, List.of(), List.of(new Header("Location", "https://a.example/x")))));
    }

    private static ProbeResult result(String url, int status, List<ProbeResult.Redirect> redirects, List<Header> headers) {
        return new ProbeResult(url, url, true, status, "HTTP/1.1", headers, redirects, null, null, null, null, null, null);
    }

    private static ValidatableResponse audit(String target, boolean follow) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("targets", List.of(target), "audit", true, "followRedirects", follow))
                .when().post("/probe")
                .then().statusCode(200)
                .body("results[0].error", nullValue())
                .rootPath("results[0].audit.findings.find { it.test == 'redirection' }");
    }
}
