package io.headprobe.hardening;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Every answer carries the security headers; HSTS only when the request provably came over https. */
@QuarkusTest
class SecurityResponseHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = { "/ui/", "/ui/app.js", "/probe", "/nowhere", "/q/health/ready", "/hello/x" })
    void everyAnswerIsHardened(String path) {
        given().when().get(path).then()
                .header("Content-Security-Policy", startsWith("default-src 'none'; script-src 'self';"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cross-Origin-Resource-Policy", equalTo("same-origin"))
                .header("Cross-Origin-Opener-Policy", equalTo("same-origin"))
                .header("Cross-Origin-Embedder-Policy", equalTo("require-corp"))
                .header("Strict-Transport-Security", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/ui/", "/probe" })
    void anUntrustedClientCannotAskForHsts(String path) {
        // No proxy is trusted by default, so this header is the client's own claim.
        given().header("X-Forwarded-Proto", "https").when().get(path).then()
                .header("Strict-Transport-Security", nullValue());
    }
}
