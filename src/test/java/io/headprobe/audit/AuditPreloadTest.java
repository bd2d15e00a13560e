package io.headprobe.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** headprobe.audit.hsts-preload-file, read at start-up, reaches the audit. */
@QuarkusTest
@TestProfile(AuditPreloadTest.Profile.class)
class AuditPreloadTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("headprobe.audit.hsts-preload-file", TestResponses.PRELOAD_FILE.toString());
        }
    }

    @Test
    void aListedSiteIsPreloadedWhateverItsHeaders() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://www.cloudflare.com/", "headers", List.of()))
                .when().post("/audit")
                .then().statusCode(200)
                .body("audit.findings.find { it.test == 'hsts' }.result", equalTo("hsts-preloaded"))
                .body("audit.findings.find { it.test == 'hsts' }.modifier", equalTo(5));
    }

    @Test
    void anotherSiteIsNot() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/", "headers", List.of()))
                .when().post("/audit")
                .then().statusCode(200)
                .body("audit.findings.find { it.test == 'hsts' }.result", equalTo("hsts-not-implemented"));
    }
}
