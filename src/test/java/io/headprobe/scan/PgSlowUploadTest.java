package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.PostgresResource;
import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Slow uploads of POST /scans on PostgreSQL: while clients take their time sending, they hold no
 * database connection (the pool here has one), and more of them than headprobe.scan.max-uploads
 * are turned away with 503.
 */
@QuarkusTest
@TestProfile(PgSlowUploadTest.OneConnection.class)
class PgSlowUploadTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1", "headprobe.scan.max-uploads", "2");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }
    }

    /** More than a batch of TargetReader, so that the server has targets to store before the body ends. */
    private static final int TARGETS = 1001;

    @Inject
    Pool pool;

    @Test
    void slowUploadsHoldNoConnectionAndTheOneTooManyIsA503() throws Exception {
        List<Socket> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                uploads.add(startUpload("slow-" + i));
            }
            // Both uploads are in (they hold the two upload slots) once a third is turned away.
            awaitTurnedAway();

            // Meanwhile the only pooled connection is free: reads work, and no transaction waits open.
            given().when().get("/scans").then().statusCode(200);
            long waiting = pool.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'")
                    .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            assertEquals(0, waiting, "transactions held open by uploads in progress");

            for (Socket upload : uploads) {
                String answer = finishUpload(upload);
                assertTrue(answer.startsWith("HTTP/1.1 202 "), answer);
            }
        } finally {
            for (Socket upload : uploads) {
                upload.close();
            }
        }
        Map<String, Integer> totals = new HashMap<>();
        given().when().get("/scans").then().statusCode(200).extract().jsonPath().getList("scans", Map.class)
                .forEach(scan -> totals.put((String) scan.get("name"), (Integer) scan.get("total")));
        assertEquals(TARGETS, totals.get("slow-0"), totals::toString);
        assertEquals(TARGETS, totals.get("slow-1"), totals::toString);
    }

    private static void awaitTurnedAway() {
        await("a 503 with two uploads in progress and max-uploads=2").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> given().contentType("text/plain").body("http://127.0.0.1:1/probe\n")
                        .when().post("/scans?name=probe").then().extract().statusCode(), equalTo(503));
    }

    /** Sends the head and the first chunk of a chunked text/plain body, and leaves the body open. */
    private static Socket startUpload(String name) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < TARGETS; i++) {
            targets.append("http://127.0.0.1:1/").append(i).append('\n');
        }
        byte[] chunk = targets.toString().getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /scans?name=" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Ends the body; the status line and headers of the answer. */
    private static String finishUpload(Socket socket) throws IOException {
        socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(30_000);
        return RawServer.head(socket.getInputStream());
    }
}
