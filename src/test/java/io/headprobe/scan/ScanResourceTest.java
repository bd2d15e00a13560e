package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.Ndjson;
import io.headprobe.testing.RawServer;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Given loopback servers, when a scan of them is submitted, then every target gets one result to read back. */
@QuarkusTest
class ScanResourceTest {

    static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";

    static RawServer noContent;
    static RawServer held;
    static CountDownLatch release;
    /** Servers whose answer a test switches between two scans. */
    static final AtomicReference<String> firstAnswer = new AtomicReference<>(NO_CONTENT);
    static final AtomicReference<String> secondAnswer = new AtomicReference<>(NO_CONTENT);
    static RawServer first;
    static RawServer second;

    @BeforeAll
    static void startTargets() {
        release = new CountDownLatch(1);
        noContent = RawServer.start(RawServer.answering(NO_CONTENT));
        held = RawServer.start(socket -> {
            release.await();
            RawServer.answering(NO_CONTENT).play(socket);
        });
        first = RawServer.start(socket -> RawServer.answering(firstAnswer.get()).play(socket));
        second = RawServer.start(socket -> RawServer.answering(secondAnswer.get()).play(socket));
    }

    @AfterAll
    static void stopTargets() {
        release.countDown();
        noContent.close();
        held.close();
        first.close();
        second.close();
    }

    static String target(RawServer server, int i) {
        return "http://127.0.0.1:" + server.port() + "/" + i;
    }

    @Test
    void runsEveryTargetOnceAndReadsTheResultsBack() throws Exception {
        List<String> targets = new ArrayList<>(IntStream.range(0, 30).mapToObj(i -> target(noContent, i)).toList());
        targets.add("ftp://not-a-scheme-we-fetch");
        double okBefore = targetsCounted("ok");
        double errorsBefore = targetsCounted("error");
        String id = Scans.submitJson(Map.of("targets", targets, "name", "thirty-one"));

        JsonNode scan = Scans.awaitFinished(id);
        assertEquals(okBefore + 30, targetsCounted("ok"));
        assertEquals(errorsBefore + 1, targetsCounted("error"));
        assertEquals("done", scan.get("state").asText());
        assertEquals(31, scan.get("total").asInt());
        assertEquals(31, scan.get("done").asInt());
        assertEquals(30, scan.get("ok").asInt());
        assertEquals(1, scan.get("failed").asInt());
        assertEquals(30, scan.at("/byStatus/204").asInt());
        assertEquals(1, scan.at("/byError/INVALID_TARGET").asInt());
        assertEquals("thirty-one", scan.get("name").asText());

        List<JsonNode> lines = Scans.results(id, null);
        assertEquals(new TreeSet<>(targets), lines.stream().map(line -> line.get("target").asText())
                .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(31, lines.size());

        // Resuming after the tenth line gives the other 21, in the same order.
        List<JsonNode> rest = Scans.results(id, lines.get(9).get("cursor").asText());
        assertEquals(lines.subList(10, 31), rest);

        // A page: at most limit lines, and the stream ends by itself.
        List<JsonNode> page = Ndjson.read(given().accept(ScanResource.NDJSON)
                .queryParam("after", lines.get(9).get("cursor").asText()).queryParam("limit", 5)
                .when().get("/scans/" + id + "/results").then().statusCode(200).extract().asString());
        assertEquals(lines.subList(10, 15), page);
        given().accept(ScanResource.NDJSON).queryParam("limit", 0).when().get("/scans/" + id + "/results")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("limit"));
    }

    /** headprobe_scan_targets_total{outcome}: counted before a chunk's results are stored, so before the scan is seen done. */
    static double targetsCounted(String outcome) {
        return metric("headprobe_scan_targets_total{outcome=\"" + outcome + "\"");
    }

    /** The sum of the samples on /q/metrics whose line starts with {@code sample}. */
    static double metric(String sample) {
        String metrics = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(sample))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** headprobe_scans_active may lag with PostgreSQL (the test profile counts every 100 ms): polled for 30 seconds. */
    static void awaitActiveScans(double expected) {
        await("headprobe_scans_active").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> metric("headprobe_scans_active "), equalTo(expected));
    }

    @Test
    void activeScansAreThoseQueuedOrRunning() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (RawServer gated = RawServer.start(socket -> {
            gate.await();
            RawServer.answering(NO_CONTENT).play(socket);
        })) {
            // Scans of other tests are done or cancelled by now.
            awaitActiveScans(0);
            String id = Scans.submitJson(Map.of("targets", List.of(target(gated, 1))));
            awaitActiveScans(1);
            gate.countDown();
            Scans.awaitFinished(id);
            awaitActiveScans(0);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void diffListsTargetsInBothScansWhoseAnswerChanged() {
        firstAnswer.set(NO_CONTENT);
        secondAnswer.set(NO_CONTENT);
        String changedStatus = target(first, 1);
        String nowBroken = target(second, 1);
        String same = target(noContent, 1);
        String base = Scans.submitJson(Map.of("targets", List.of(changedStatus, nowBroken, same, target(noContent, 2))));
        Scans.awaitFinished(base);

        firstAnswer.set("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        secondAnswer.set("not HTTP at all\r\n\r\n");
        String id = Scans.submitJson(Map.of("targets", List.of(changedStatus, nowBroken, same, target(noContent, 3))));
        Scans.awaitFinished(id);

        List<JsonNode> changes = Ndjson.read(given().when().get("/scans/" + id + "/diff?base=" + base)
                .then().statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asString());
        Map<String, JsonNode> byTarget = changes.stream().collect(Collectors.toMap(change -> change.get("target").asText(),
                change -> change));
        assertEquals(Set.of(changedStatus, nowBroken), byTarget.keySet(), changes::toString);
        assertEquals(new TreeSet<>(byTarget.keySet()).stream().toList(),
                changes.stream().map(change -> change.get("target").asText()).toList(), "in target order");

        JsonNode status = byTarget.get(changedStatus);
        assertEquals(204, status.at("/before/status").asInt());
        assertEquals(503, status.at("/after/status").asInt());
        assertEquals("none", status.at("/after/tlsDaysLeftBucket").asText());
        assertEquals("[\"status\"]", status.get("changed").toString());

        JsonNode broken = byTarget.get(nowBroken);
        assertEquals("[\"status\",\"error\"]", broken.get("changed").toString());
        assertTrue(broken.at("/before/error").isNull(), broken.toString());
        assertEquals("PROTOCOL_ERROR", broken.at("/after/error").asText(), broken.toString());

        List<String> csv = given().accept("text/csv").when().get("/scans/" + id + "/diff?base=" + base)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString().lines().toList();
        assertEquals("target,beforeStatus,beforeError,beforeGrade,beforeTlsDaysLeftBucket,beforeTitle,beforeBodySha256,"
                + "afterStatus,afterError,afterGrade,afterTlsDaysLeftBucket,afterTitle,afterBodySha256,changed,"
                + "beforeTlsGrade,afterTlsGrade,beforeTlsProtocols,afterTlsProtocols,beforeTlsWeak,afterTlsWeak", csv.get(0));
        assertTrue(csv.contains(changedStatus + ",204,,,none,,,503,,,none,,,status,,,,,,"), csv::toString);
        assertEquals(3, csv.size(), csv::toString);

        given().when().get("/scans/" + base + "/diff?base=" + base).then().statusCode(200).body(equalTo(""));
    }

    @Test
    void diffOfAnUnknownScanIsA404AndWithoutABaseA400() {
        String known = Scans.submitJson(Map.of("targets", List.of(target(noContent, 1))));
        String unknown = "0b9a4d5e-0000-4000-8000-000000000000";
        for (String path : List.of("/scans/" + unknown + "/diff?base=" + known, "/scans/" + known + "/diff?base=" + unknown,
                "/scans/" + known + "/diff?base=nope")) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        for (String path : List.of("/scans/" + known + "/diff", "/scans/" + known + "/diff?base=")) {
            given().when().get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("'base' must name the scan to compare with"));
        }
        Scans.awaitFinished(known);
    }

    @Test
    void textBodyOneTargetPerLineAndCsvExport() {
        String body = "# a comment\n" + target(noContent, 1) + "\r\n\n  " + target(noContent, 2) + "  \n";
        String id = given().contentType(ContentType.TEXT).queryParam("name", "two").body(body)
                .when().post("/scans")
                .then().statusCode(202)
                .header("Location", matchesPattern(".*/scans/[-0-9a-f]+"))
                .body("total", equalTo(2)).body("state", equalTo("queued"))
                .extract().path("id");
        Scans.awaitFinished(id);

        String csv = given().accept("text/csv").when().get("/scans/" + id + "/results")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> rows = csv.lines().toList();
        // The columns of headprobe probe --csv.
        assertEquals("target,url,ok,status,httpVersion,remoteAddress,totalMs,grade,score,tlsProtocol,tlsVerified,"
                + "tlsDaysLeft,errorCode,errorMessage,bodyBytes,bodyTruncated,bodySha256,bodyMmh3,title,words,lines,"
                + "faviconMmh3,tlsGrade,tlsProtocols,tlsWeak", rows.get(0));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).contains(",true,204,HTTP/1.1,127.0.0.1,"), rows.get(1));
    }

    @Test
    void listsNewestFirstAPageAtATime() {
        String older = Scans.submitJson(Map.of("targets", List.of(target(noContent, 1))));
        String newer = Scans.submitJson(Map.of("targets", List.of(target(noContent, 2))));
        given().queryParam("limit", 1).when().get("/scans")
                .then().statusCode(200)
                .body("scans[0].id", equalTo(newer))
                .body("nextOffset", equalTo(1));
        given().queryParam("limit", 1).queryParam("offset", 1).when().get("/scans")
                .then().statusCode(200)
                .body("scans[0].id", equalTo(older));
    }

    @Test
    void cancelledScanStartsNoMoreTargets() {
        String id = Scans.submitJson(Map.of("targets", List.of(target(held, 1))));
        given().when().delete("/scans/" + id)
                .then().statusCode(200).body("state", equalTo("cancelled"));
        release.countDown();
        given().when().get("/scans/" + id).then().statusCode(200).body("state", equalTo("cancelled"));
    }

    @Test
    void unknownScanIsA404Problem() {
        for (String path : List.of("/scans/0b9a4d5e-0000-4000-8000-000000000000", "/scans/not-an-id/results")) {
            given().when().get(path)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }
        given().when().delete("/scans/nope").then().statusCode(404).contentType("application/problem+json");
        // Not a 200 with the CSV header and a broken stream: the scan is looked up before a byte is sent.
        String unknown = "0b9a4d5e-0000-4000-8000-000000000000";
        for (String path : List.of("/scans/" + unknown + "/results", "/scans/" + unknown + "/diff?base=" + unknown)) {
            given().accept("text/csv").when().get(path)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }
    }

    @Test
    void cursorOfAnotherScanIsA400Problem() throws Exception {
        String first = Scans.submitJson(Map.of("targets", List.of(target(noContent, 1))));
        String second = Scans.submitJson(Map.of("targets", List.of(target(noContent, 2))));
        Scans.awaitFinished(first);
        String cursor = Scans.results(first, null).get(0).get("cursor").asText();
        given().queryParam("after", cursor).when().get("/scans/" + second + "/results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("'after' is a cursor of another scan"));
        given().queryParam("after", "%%%").when().get("/scans/" + second + "/results")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void malformedBodiesAre400Problems() {
        for (String body : List.of("{\"targets\": [", "[]", "{\"targets\": []}", "{\"targets\": [1]}",
                "{\"targets\": [null]}", "{\"targets\": [\"a\"], \"bogus\": 1}", "{\"targets\": [\"a\"], \"method\": \"PUT\"}",
                "{\"targets\": [\"a\"], \"timeoutMs\": 0}", "{\"targets\": [\"a\"], \"name\": 5}", "{\"targets\": [\"a\"]} x")) {
            given().contentType(ContentType.JSON).body(body).when().post("/scans")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().contentType(ContentType.TEXT).body("\n# nothing\n").when().post("/scans")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** The body options of a text upload are checked as POST /probe checks them. */
    @Test
    void badBodyOptionsInTheQueryAre400Problems() {
        for (Map<String, String> query : List.of(Map.of("body", "yes"), Map.of("bodyMaxBytes", "1000"),
                Map.of("body", "true", "bodyMaxBytes", "0"), Map.of("body", "true", "bodyMaxBytes", "999999999"),
                Map.of("favicon", "true", "method", "HEAD"))) {
            given().contentType(ContentType.TEXT).queryParams(query).body(target(noContent, 1)).when().post("/scans")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }

    /** PostgreSQL's text columns refuse NUL (a 500 there, once), memory took it: both answer 400. */
    @Test
    void aNulInATargetOrNameIsA400Problem() {
        String target = target(noContent, 1);
        for (String body : List.of("{\"targets\": [\"" + target + "\", \"" + target + "\\u0000x\"]}",
                "{\"targets\": [\"" + target + "\"], \"name\": \"a\\u0000b\"}")) {
            given().contentType(ContentType.JSON).body(body).when().post("/scans")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("NUL"));
        }
        given().contentType(ContentType.TEXT).body(target + "\n" + target + "\u0000x\n").when().post("/scans")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("'line 2' holds a NUL character"));
        given().contentType(ContentType.TEXT).queryParam("name", "a\u0000b").body(target).when().post("/scans")
                .then().statusCode(400).contentType("application/problem+json").body("detail", equalTo("'name' holds a NUL character"));
        // Nothing of the refused scans was kept, and the store takes the next one.
        Scans.awaitFinished(Scans.submitJson(Map.of("targets", List.of(target))));
    }

    /**
     * The options are held whole, so they may take what a POST /probe body may (1 MiB by default);
     * targets are streamed and may take far more.
     */
    @Test
    void theOptionsOfAScanMayTakeNoMoreThanAProbeBody() {
        String big = "x".repeat(1024 * 1024 + 64 * 1024);
        given().contentType(ContentType.JSON).body("{\"targets\": [\"" + target(noContent, 1) + "\"], \"name\": \"" + big + "\"}")
                .when().post("/scans")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("the fields of a scan other than 'targets' may take at most 1048576 bytes"));

        String path = "/" + "p".repeat(4000);
        List<String> targets = IntStream.range(0, 300).mapToObj(i -> target(noContent, i) + path).toList();
        String id = given().contentType(ContentType.JSON).body(Map.of("targets", targets, "name", "long targets"))
                .when().post("/scans").then().statusCode(202).body("total", equalTo(300)).extract().path("id");
        given().when().delete("/scans/" + id).then().statusCode(200);
    }

    @Test
    void moreThanTheMostTargetsIsA413Problem() {
        // The test profile allows 2,000 targets.
        String body = IntStream.rangeClosed(0, 2000).mapToObj(i -> target(noContent, i)).collect(Collectors.joining("\n"));
        given().contentType(ContentType.TEXT).body(body).when().post("/scans")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("a scan may hold at most 2000 targets"));
        String json = IntStream.rangeClosed(0, 2000).mapToObj(i -> "\"" + target(noContent, i) + "\"")
                .collect(Collectors.joining(",", "{\"targets\": [", "]}"));
        given().contentType(ContentType.JSON).body(json).when().post("/scans")
                .then().statusCode(413).contentType("application/problem+json");
    }

    /**
     * The body is read as it arrives: one target too many is refused while the client is still
     * sending (a server that waited for the whole body would never answer this one).
     */
    @Test
    void theBodyIsReadAsAStream() throws Exception {
        String lines = IntStream.rangeClosed(0, 2000).mapToObj(i -> target(noContent, i) + "\n").collect(Collectors.joining());
        byte[] chunk = lines.getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(Loopback.address(), RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /scans HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // No last chunk: the body never ends.
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        }
    }

    @Test
    void aScanOfExactlyTheMostTargetsIsTaken() throws Exception {
        Set<String> targets = IntStream.range(0, 2000).mapToObj(i -> target(noContent, i)).collect(Collectors.toSet());
        String id = given().contentType(ContentType.TEXT).body(String.join("\n", targets)).when().post("/scans")
                .then().statusCode(202).body("total", equalTo(2000)).extract().path("id");
        // Finished before the next test: against a running container the app (and its scan counters) is shared.
        assertEquals(2000, Scans.awaitFinished(id).get("done").asInt());
    }
}
