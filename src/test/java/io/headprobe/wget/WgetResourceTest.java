package io.headprobe.wget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.headprobe.testing.Loopback;
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
        assertTrue(lines.indexOf(known + " header > HTTP/1.1 200 OK") < lines.indexOf(app + " header > HTTP/1.1 200 OK"));
        assertTrue(lines.indexOf(app + " header > HTTP/1.1 200 OK") < lines.indexOf(missing + " header > HTTP/1.1 404 Not Found"));
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

        List<String> lines = wget("ftp://127.0.0.1/", "http://exa mple/", known);

        assertEquals("ftp://127.0.0.1/ error > only http and https URLs can be fetched", lines.get(0));
        assertEquals("http://exa mple/ error > invalid URL", lines.get(1));
        assertEquals(known + " header > HTTP/1.1 200 OK", lines.get(2));
    }

    @Test
    void refusesNoTargets() {
        given().when().get("/wget")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("got 0"));
    }

    @Test
    void refusesMoreThanAHundredTargets() {
        Object[] targets = Collections.nCopies(101, "http://127.0.0.1:1/").toArray();
        given().queryParam("target", targets).when().get("/wget")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("got 101"));
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
}
