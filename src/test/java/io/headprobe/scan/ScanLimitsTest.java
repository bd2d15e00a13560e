package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Given API keys, a scan belongs to the key that submitted it. Given per-client scan limits and an in-flight cap of 4 fetches (so scans get 2), when clients
 * submit scans, then each client keeps to its own limits, and a scan that holds all the fetches it
 * may have leaves /probe its share. Each test is its own client (API key), so they don't share counts.
 */
@QuarkusTest
@TestProfile(ScanLimitsTest.Limits.class)
class ScanLimitsTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.limit.enabled", "true",
                    "headprobe.auth.api-keys", "active-key,other-key,day-key,share-key,owner-key,stranger-key",
                    "headprobe.scan.max-active-per-client", "2",
                    "headprobe.scan.max-targets-per-day-per-client", "10",
                    "headprobe.probe.max-in-flight", "4",
                    // No per-host limit: one host could take every fetch a scan may have.
                    "headprobe.probe.per-host-concurrency", "0",
                    // Held targets stay held until the test lets go, not until a timeout.
                    "headprobe.probe.timeout", "30S");
        }
    }

    /** Answers 204 at once. */
    final RawServer quick = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"));
    /** Holds every request until {@link #release}; counts those it holds. */
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    final RawServer held = RawServer.start(socket -> {
        RawServer.readHead(socket.getInputStream());
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try {
            release.await();
        } finally {
            open.decrementAndGet();
        }
        socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    });

    @AfterEach
    void stopTargets() {
        release.countDown();
        quick.close();
        held.close();
    }

    static RequestSpecification as(String key) {
        return new RequestSpecBuilder().addHeader("Authorization", "Bearer " + key).build();
    }

    static List<String> targets(RawServer server, int count) {
        return IntStream.range(0, count).mapToObj(i -> server.url("/" + i)).toList();
    }

    static ValidatableResponse submit(String key, List<String> targets) {
        return given().spec(as(key)).contentType(ContentType.JSON).body(Map.of("targets", targets))
                .when().post("/scans").then();
    }

    @Test
    void aClientWithTheMostActiveScansMustWaitForOneToEnd() {
        String first = submit("active-key", targets(held, 3)).statusCode(202).extract().path("id");
        String second = submit("active-key", targets(held, 3)).statusCode(202).extract().path("id");

        submit("active-key", targets(quick, 1))
                .statusCode(429).contentType("application/problem+json")
                .body("detail", equalTo("this client already has 2 scans queued or running, and may have 2; "
                        + "wait for one to finish or cancel one"));
        // Another client is not held back by this one's scans.
        String others = submit("other-key", targets(quick, 1)).statusCode(202).extract().path("id");

        given().spec(as("active-key")).when().delete("/scans/" + first).then().statusCode(200);
        String third = submit("active-key", targets(quick, 1)).statusCode(202).extract().path("id");
        given().spec(as("active-key")).when().delete("/scans/" + second).then().statusCode(200);
        release.countDown();
        Scans.awaitFinished(third, as("active-key"));
        Scans.awaitFinished(others, as("other-key"));
    }

    @Test
    void aClientMaySubmitSoManyTargetsIn24Hours() {
        Instant submitted = Instant.now();
        Scans.awaitFinished(submit("day-key", targets(quick, 6)).statusCode(202).extract().path("id"), as("day-key"));

        long retryAfter = Long.parseLong(submit("day-key", targets(quick, 5))
                .statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("may submit 10 targets in 24 hours and has submitted 6; 5 more fit in"))
                .extract().header("Retry-After"));
        long untilTheFirstLeavesTheWindow = Duration.between(Instant.now(), submitted.plus(Duration.ofDays(1))).toSeconds();
        assertTrue(retryAfter > untilTheFirstLeavesTheWindow - 60 && retryAfter <= 86_400, "Retry-After: " + retryAfter);

        Scans.awaitFinished(submit("day-key", targets(quick, 4)).statusCode(202).extract().path("id"), as("day-key"));
        submit("day-key", targets(quick, 1)).statusCode(429).header("Retry-After", Long::parseLong, greaterThan(0L));
        submit("day-key", targets(quick, 11))
                .statusCode(429).header("Retry-After", nullValue())
                .body("detail", equalTo("a scan of 11 targets is more than the 10 targets a client may submit in 24 hours"));
    }

    /**
     * The scan's ten targets are held at the server: it may have 2 of the 4 fetches, so it holds 2
     * and waits; a probe still gets one of the other 2 and answers.
     */
    @Test
    void aScanHoldingItsWholeShareLeavesProbesTheRest() {
        String id = submit("share-key", targets(held, 10)).statusCode(202).extract().path("id");
        await("the scan's fetches in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .untilAtomic(open, greaterThanOrEqualTo(2));

        // Starved, it would time out after 5 s, long before the scan's held fetches (30 s).
        given().spec(as("share-key")).contentType(ContentType.JSON)
                .body(Map.of("targets", List.of(quick.url("/")), "timeoutMs", 5000))
                .when().post("/probe")
                .then().statusCode(200).body("results[0].ok", equalTo(true)).body("results[0].status", equalTo(204));
        assertEquals(2, mostOpen.get(), "the scan had more than its share in flight");

        release.countDown();
        assertEquals(10, Scans.awaitFinished(id, as("share-key")).get("ok").asInt());
        assertEquals(2, mostOpen.get(), "the scan had more than its share in flight");
    }

    /**
     * Another key gets the answer an unknown id gets, on every route of a scan, and does not see it
     * listed; its DELETE cancels nothing, and it cannot name the scan as a diff's base either.
     */
    @Test
    void aScanIsSeenOnlyByTheKeyThatSubmittedIt() {
        String done = submit("owner-key", targets(quick, 2)).statusCode(202).extract().path("id");
        Scans.awaitFinished(done, as("owner-key"));
        String running = submit("owner-key", targets(held, 1)).statusCode(202).extract().path("id");
        String theirs = submit("stranger-key", targets(quick, 1)).statusCode(202).extract().path("id");
        Scans.awaitFinished(theirs, as("stranger-key"));

        String results = "/scans/" + done + "/results";
        String diff = "/scans/" + done + "/diff?base=" + done;
        for (List<String> read : List.of(List.of("/scans/" + done, "application/json"), List.of(results, "application/x-ndjson"),
                List.of(results, "text/csv"), List.of(diff, "application/x-ndjson"), List.of(diff, "text/csv"))) {
            given().spec(as("owner-key")).accept(read.get(1)).when().get(read.get(0)).then().statusCode(200);
            given().spec(as("stranger-key")).accept(read.get(1)).when().get(read.get(0))
                    .then().statusCode(404).contentType("application/problem+json");
        }
        given().spec(as("stranger-key")).when().get("/scans/" + theirs + "/diff?base=" + done)
                .then().statusCode(404).contentType("application/problem+json");
        given().spec(as("owner-key")).when().get("/scans/" + done + "/diff?base=" + theirs)
                .then().statusCode(404).contentType("application/problem+json");

        given().spec(as("owner-key")).when().get("/scans").then().statusCode(200)
                .body("scans.id", hasItem(done)).body("scans.id", hasItem(running)).body("scans.id", not(hasItem(theirs)));
        given().spec(as("stranger-key")).when().get("/scans").then().statusCode(200)
                .body("scans.id", hasItem(theirs)).body("scans.id", not(hasItem(done))).body("scans.id", not(hasItem(running)));

        given().spec(as("stranger-key")).when().delete("/scans/" + running)
                .then().statusCode(404).contentType("application/problem+json");
        release.countDown();
        assertEquals("done", Scans.awaitFinished(running, as("owner-key")).get("state").asText(),
                "another key's DELETE cancelled the scan");
    }
}
