package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.GateServer;
import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * headprobe.probe.per-host-concurrency (4 here, the default) holds however many targets point at
 * one host, or at one address under several names; duplicates in a request are fetched once.
 */
@QuarkusTest
class PerHostLimitTest {

    @Test
    void twelveTargetsOnOneHostAreFetchedFourAtATime() {
        try (GateServer server = new GateServer(4)) {
            List<String> targets = IntStream.range(0, 12)
                    .mapToObj(i -> "http://127.0.0.1:" + server.port() + "/" + i).toList();

            probe(targets).body("results.status", everyItem(equalTo(200)));

            assertEquals(4, server.maxOpen(), "most fetches open at once at the target");
            assertEquals(12, server.requests());
        }
    }

    @Test
    void twoNamesForOneAddressShareItsLimit() {
        try (GateServer server = new GateServer(4)) {
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                targets.add("http://localhost:" + server.port() + "/" + i);
                targets.add("http://allowed.test:" + server.port() + "/" + i);
            }

            probe(targets).body("results.status", everyItem(equalTo(200)));

            assertEquals(4, server.maxOpen(), "most fetches open at once at 127.0.0.1");
        }
    }

    @Test
    void aTargetGivenThreeTimesIsFetchedOnceAndReportedThreeTimes() {
        try (RawServer server = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"))) {
            String url = server.url("/same");
            String sameUrlOtherSpelling = "HTTP://127.0.0.1:" + server.port() + "/same";
            List<String> targets = List.of(url, sameUrlOtherSpelling, url);

            probe(targets)
                    .body("results.target", contains(url, sameUrlOtherSpelling, url))
                    .body("results.status", contains(204, 204, 204))
                    .body("summary.total", equalTo(3));

            assertEquals(1, server.connections());
        }
    }

    @Test
    void theStreamAlsoReportsADuplicateOnceForEachTime() {
        try (RawServer server = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"))) {
            String url = server.url("/twice");
            String lines = given().contentType(ContentType.JSON).body(Map.of("targets", List.of(url, url)))
                    .when().post("/probe/stream")
                    .then().statusCode(200).extract().asString();

            assertEquals(2, lines.strip().split("\n").length, lines);
            assertEquals(1, server.connections());
        }
    }

    private static io.restassured.response.ValidatableResponse probe(List<String> targets) {
        return given().contentType(ContentType.JSON).body(Map.of("targets", targets))
                .when().post("/probe")
                .then().statusCode(200);
    }
}
