package io.headprobe.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * HeadProbe passes its own audit: its page, its API and its problem answers carry the headers
 * that earn A+ behind TLS. The test's client is a trusted proxy here, so X-Forwarded-Proto counts.
 */
@QuarkusTest
@TestProfile(SelfAuditTest.BehindProxy.class)
class SelfAuditTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // An empty value leaves a header out (for sites that must allow cross-origin embedding).
            return Map.of("headprobe.limit.trusted-proxies", "127.0.0.0/8",
                    "headprobe.headers.cross-origin-embedder-policy", "");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/ui/", "/probe?target=http://127.0.0.1:1/", "/nowhere" })
    void gradesAPlusBehindTls(String path) {
        Response own = given().header("X-Forwarded-Proto", "https").when().get(path);
        audit("https://headprobe.example" + path, own)
                .body("audit.grade", equalTo("A+"))
                .body("audit.findings.findAll { it.modifier < 0 }", equalTo(List.of()))
                .body("audit.findings.pass", everyItem(equalTo(true)));
    }

    @Test
    void promisesHttpsOnlyWhenTheRequestCameOverIt() {
        Response plain = given().when().get("/ui/");
        assertEquals(null, plain.header("Strict-Transport-Security"));
        audit("http://headprobe.example/ui/", plain)
                // Only HSTS is missing: 100 - 20, and below 90 no bonus counts.
                .body("audit.score", equalTo(80))
                .body("audit.findings.find { it.test == 'hsts' }.result", equalTo("hsts-not-implemented-no-https"));
        Response saysHttp = given().header("X-Forwarded-Proto", "http").when().get("/ui/");
        assertEquals(null, saysHttp.header("Strict-Transport-Security"));
    }

    @Test
    void anEmptyValueLeavesTheHeaderOut() {
        given().when().get("/ui/").then().statusCode(200)
                .header("Cross-Origin-Embedder-Policy", nullValue())
                .header("Cross-Origin-Opener-Policy", equalTo("same-origin"));
    }

    @Test
    void swaggerUiKeepsItsInlineScriptWorking() {
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", nullValue())
                .header("X-Frame-Options", equalTo("DENY"));
    }

    private static io.restassured.response.ValidatableResponse audit(String url, Response own) {
        List<Map<String, String>> headers = own.headers().asList().stream()
                .map(h -> Map.of("name", h.getName(), "value", h.getValue())).toList();
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "headers", headers))
                .when().post("/audit")
                .then().statusCode(200);
    }
}
