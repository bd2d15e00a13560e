package io.headprobe.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * API keys and per-client limits (keys: A, B, C; 3 targets at once, 60 a minute; one request at a
 * time). The bucket runs on a clock the test moves, so refill needs no waiting.
 */
@QuarkusTest
@TestProfile(ExposedProfile.class)
class ExposedServiceTest {

    static final String OK_HEAD = "HTTP/1.1 204 No Content\r\n\r\n";

    @Inject
    ClientLimits limits;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    @Test
    void probeRoutesNeedAKeyAndSayHow() {
        given().queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").queryParam("target", "x").when().get("/audit")
                .then().statusCode(401).body("title", equalTo("Unauthorized"));
        given().queryParam("target", "http://127.0.0.1:1/").when().get("/wget").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("targets", List.of("x"))).when().post("/probe/stream")
                .then().statusCode(401);
    }

    @Test
    void aWrongKeyIsForbiddenAndNeverEchoed() {
        String wrong = "not-a-key-0000";
        String body = as(wrong).queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).extract().asString();
        assertFalse(body.contains(wrong));
        // A valid key with something appended is just as wrong.
        as(ExposedProfile.KEY_A + "x").queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(403);
    }

    @Test
    void wgetCanStillBeSwitchedOff() {
        as(ExposedProfile.KEY_A).queryParam("target", "http://127.0.0.1:1/").when().get("/wget")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("/wget is switched off here (headprobe.wget.enabled=false); use /probe"));
    }

    @Test
    void theSeedRoutesAndHealthStayOpen() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().queryParam("n", 1).when().get("/produce").then().statusCode(200);
    }

    @Test
    void anEmptyBucketAnswers429WithRetryAfterUntilItRefills() {
        AtomicLong now = new AtomicLong(System.nanoTime());
        limits.useClock(now::get);
        try (RawServer target = RawServer.start(RawServer.answering(OK_HEAD))) {
            List<String> three = List.of(target.url("/1"), target.url("/2"), target.url("/3"));

            probe(ExposedProfile.KEY_A, three).statusCode(200).body("summary.ok", equalTo(3));
            probe(ExposedProfile.KEY_A, List.of(target.url("/4")))
                    .statusCode(429).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", equalTo(429)).body("detail", containsString("60 targets a minute"));
            // Another client has its own bucket.
            probe(ExposedProfile.KEY_B, List.of(target.url("/5"))).statusCode(200);

            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_000));

            probe(ExposedProfile.KEY_A, List.of(target.url("/4"))).statusCode(200);
            assertEquals(5, target.connections(), "a refused request fetched nothing");
        } finally {
            limits.useClock(System::nanoTime);
        }
    }

    @Test
    void aLineStreamWaitsForItsClientsRateInsteadOfFailing() throws Exception {
        AtomicLong now = new AtomicLong(System.nanoTime());
        limits.useClock(now::get);
        try (RawServer target = RawServer.start(RawServer.answering(OK_HEAD))) {
            String lines = IntStream.rangeClosed(1, 4).mapToObj(i -> target.url("/" + i)).collect(Collectors.joining("\n"));
            CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe/stream"))
                            .header("Authorization", "Bearer " + ExposedProfile.KEY_D).header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(lines)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // The burst of 3 goes at once; the fourth waits for a token, which only the clock brings.
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> target.connections() == 3);
            as(ExposedProfile.KEY_D).queryParam("target", target.url("/other")).when().get("/probe")
                    .then().statusCode(429).body("detail", containsString("1 probe requests running"));
            assertFalse(stream.isDone(), "the stream waits for its client's rate");

            now.addAndGet(TimeUnit.SECONDS.toNanos(1));

            HttpResponse<String> answer = stream.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertEquals(4, answer.body().lines().filter(line -> line.contains("\"status\":204")).count(), answer.body());
            // The stream spent the bucket as four requests of one target would.
            as(ExposedProfile.KEY_D).queryParam("target", target.url("/other")).when().get("/probe")
                    .then().statusCode(429).body("detail", containsString("60 targets a minute"));
            assertEquals(4, target.connections());
        } finally {
            limits.useClock(System::nanoTime);
        }
    }

    @Test
    void moreTargetsThanTheBurstCanNeverPass() {
        probe(ExposedProfile.KEY_B, List.of("http://127.0.0.1:1/a", "http://127.0.0.1:1/b", "http://127.0.0.1:1/c",
                "http://127.0.0.1:1/d"))
                .statusCode(400).body("detail", containsString("needs 4 fetches; a client may spend at most 3"));
    }

    @Test
    void aTlsScanCostsHeadprobeTlsScanCostBesidesTheFetch() {
        // One target, 1 fetch + 10 for its TLS scan (headprobe.tls-scan.cost), over the burst of 3.
        as(ExposedProfile.KEY_B).contentType(ContentType.JSON)
                .body(Map.of("targets", List.of("https://127.0.0.1:1/"), "tlsScan", true))
                .when().post("/probe")
                .then().statusCode(400).body("detail", containsString("needs 11 fetches; a client may spend at most 3"));
    }

    @Test
    void aSecondRequestWhileTheFirstRunsIsRefused() throws Exception {
        try (ServerSocket silent = Loopback.silent()) {
            CompletableFuture<HttpResponse<String>> first = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe?target="
                            + Loopback.url(silent, "/slow")))
                            .header("Authorization", "Bearer " + ExposedProfile.KEY_C).build(),
                    HttpResponse.BodyHandlers.ofString());
            // The first request is running once its fetch has connected.
            try (Socket fetch = silent.accept()) {
                as(ExposedProfile.KEY_C).queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                        .then().statusCode(429).header("Retry-After", "1")
                        .body("detail", containsString("1 probe requests running"));
            }
            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        }
        as(ExposedProfile.KEY_C).queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(200).body("results[0].error.code", equalTo("CONNECT_FAILED"));
    }

    @Test
    void theAccessLogNamesTheClientByKeyFingerprintAndNeverLogsTheKey() throws Exception {
        Logger access = Logger.getLogger("io.headprobe.access");
        Level before = access.getLevel();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        access.setLevel(Level.INFO);
        access.addHandler(capture);
        try {
            as(ExposedProfile.KEY_B).queryParam("target", "http://127.0.0.1:1/").queryParam("target", "http://127.0.0.1:1/")
                    .when().get("/probe").then().statusCode(200);
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertTrue(line != null && line.matches("method=GET path=/probe status=200 durationMs=[0-9.]+ "
                    + "client=key:[0-9a-f]{12} targets=1"), "access log line: " + line);
            assertFalse(line.contains(ExposedProfile.KEY_B));

            // A line stream's targets are counted as they are read.
            as(ExposedProfile.KEY_B).contentType("text/plain").body("http://127.0.0.1:1/a\nhttp://127.0.0.1:1/b\n")
                    .when().post("/probe/stream").then().statusCode(200);
            line = lines.poll(10, TimeUnit.SECONDS);
            assertTrue(line != null && line.matches("method=POST path=/probe/stream status=200 durationMs=[0-9.]+ "
                    + "client=key:[0-9a-f]{12} targets=2"), "access log line: " + line);
        } finally {
            access.removeHandler(capture);
            access.setLevel(before);
        }
    }

    @Test
    void refusalsAreCountedOnTheMetricsEndpoint() {
        given().queryParam("target", "x").when().get("/audit").then().statusCode(401);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // Text format 0.0.4: Prometheus simpleclient ends every label set with a comma.
        assertTrue(metrics.contains("headprobe_requests_rejected_total{reason=\"unauthenticated\",}"), metrics);
    }

    private static io.restassured.response.ValidatableResponse probe(String key, List<String> targets) {
        return as(key).contentType(ContentType.JSON).body(Map.of("targets", targets)).when().post("/probe").then();
    }
}
