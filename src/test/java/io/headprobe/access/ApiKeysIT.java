package io.headprobe.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** API keys and the 429 path on the packaged jar or native binary (the rest is in ExposedServiceTest). */
@DisabledIfSystemProperty(named = "quarkus.http.test-host", matches = ".+",
        disabledReason = "against a running container: its configuration cannot be changed per test profile")
@QuarkusIntegrationTest
@TestProfile(ApiKeysIT.SlowRefill.class)
class ApiKeysIT {

    /** One target a minute: an emptied bucket stays empty however slow the machine is. */
    public static class SlowRefill extends ExposedProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            java.util.Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("headprobe.limit.targets-per-minute", "1");
            return config;
        }
    }


    @Test
    void noKeyWrongKeyRightKey() {
        given().queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().header("Authorization", "Bearer nope").queryParam("target", "http://127.0.0.1:1/").when().get("/probe")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + ExposedProfile.KEY_A).queryParam("target", "http://127.0.0.1:1/")
                .when().get("/probe")
                .then().statusCode(200).body("results[0].error.code", equalTo("CONNECT_FAILED"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("headprobe_requests_rejected_total{reason=\"forbidden\""));
    }

    @Test
    void aBucketEmptiedByOneClientRefusesItWithRetryAfter() {
        // Three targets empty the bucket; three more would take three minutes of refill.
        given().header("Authorization", "Bearer " + ExposedProfile.KEY_B)
                .queryParam("target", "http://127.0.0.1:1/1", "http://127.0.0.1:1/2", "http://127.0.0.1:1/3")
                .when().get("/probe").then().statusCode(200).body("summary.total", equalTo(3));
        given().header("Authorization", "Bearer " + ExposedProfile.KEY_B)
                .queryParam("target", "http://127.0.0.1:1/4", "http://127.0.0.1:1/5", "http://127.0.0.1:1/6")
                .when().get("/probe")
                .then().statusCode(429).header("Retry-After", matchesPattern("1[0-9]{2}"))
                .contentType("application/problem+json");
    }
}
