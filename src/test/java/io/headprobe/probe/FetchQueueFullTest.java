package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.RawServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** More fetches waiting for a slot than headprobe.probe.max-queued-fetches: the request gets a 503 with Retry-After. */
@QuarkusTest
@TestProfile(FetchQueueFullTest.Profile.class)
class FetchQueueFullTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.probe.max-in-flight", "1", "headprobe.probe.max-queued-fetches", "1",
                    "headprobe.scan.max-in-flight", "1");
        }
    }

    @Test
    void aFetchBeyondTheQueueIsA503() {
        // Reads the request and holds the connection until the client goes: the one slot stays taken.
        try (RawServer server = RawServer.start(socket -> {
            RawServer.readHead(socket.getInputStream());
            while (socket.getInputStream().read() != -1) {
                // nothing to answer
            }
        })) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("targets", List.of(server.url("/1"), server.url("/2"), server.url("/3"))))
                    .when().post("/probe")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("3"))
                    .body("detail", containsString("all 1 places in the queue"));
        }
    }
}
