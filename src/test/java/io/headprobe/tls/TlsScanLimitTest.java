package io.headprobe.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A TLS scan costs headprobe.tls-scan.cost targets against the client's bucket, not one. */
@QuarkusTest
@TestProfile(TlsScanLimitTest.Profile.class)
class TlsScanLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.limit.enabled", "true",
                    "headprobe.limit.targets-per-minute", "1",
                    "headprobe.limit.burst", "25",
                    "headprobe.tls-scan.cost", "12");
        }
    }

    @Test
    void twoScansEmptyABucketOfTwentyFive() {
        // blocked.test is refused by the guard before any connection: the cost is charged all the same.
        for (int i = 0; i < 2; i++) {
            given().queryParam("target", "blocked.test").when().get("/tls").then().statusCode(200);
        }
        given().queryParam("target", "blocked.test").when().get("/tls")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("detail", containsString("12 more are possible in"));
    }
}
