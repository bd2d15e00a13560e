package io.headprobe.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * HeadProbe trusts X-Forwarded-Proto from its own trusted proxies only (none here), even when
 * Quarkus' proxy forwarding is on: the HSTS decision reads the connection, not the request's
 * forwarded-aware {@code isSSL()} (which also cost a forwarded-header parse per request).
 */
@QuarkusTest
@TestProfile(QuarkusForwardingTest.QuarkusForwardingOn.class)
class QuarkusForwardingTest {

    public static class QuarkusForwardingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void anUntrustedClientCannotAskForHstsThroughQuarkusForwarding() {
        given().header("X-Forwarded-Proto", "https").when().get("/hello/x").then()
                .statusCode(200)
                .header("Strict-Transport-Security", nullValue());
    }
}
