package io.headprobe.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /audit grades the headers it is given, and nothing else: no fetch, problems for bad bodies. */
@QuarkusTest
class AuditResourceTest {

    @Test
    void gradesTheGivenHeadersInOrder() {
        String body = """
                {"url": "https://example.org/", "headers": [
                  {"name": "Strict-Transport-Security", "value": "max-age=63072000"},
                  {"name": "X-Frame-Options", "value": "DENY"},
                  {"name": "x-frame-options", "value": "SAMEORIGIN"},
                  {"name": "X-Content-Type-Options", "value": "nosniff"}]}
                """;
        given().contentType(ContentType.JSON).body(body).when().post("/audit")
                .then().statusCode(200)
                .body("url", equalTo("https://example.org/"))
                // csp-not-implemented -25; two X-Frame-Options lines are one invalid value "DENY, SAMEORIGIN" -20
                .body("audit.findings.result", hasItem("csp-not-implemented"))
                .body("audit.findings.result", hasItem("x-frame-options-header-invalid"))
                .body("audit.findings.result", hasItem("hsts-implemented-max-age-at-least-six-months"))
                .body("audit.findings.result", not(hasItem(containsString("redirection"))))
                .body("audit.score", equalTo(55))
                .body("audit.grade", equalTo("C"));
    }

    @Test
    void anEmptyHeaderListIsGradedToo() {
        given().contentType(ContentType.JSON).body("{\"url\": \"http://example.org/\", \"headers\": []}")
                .when().post("/audit")
                .then().statusCode(200)
                .body("audit.findings.result", hasItem("hsts-not-implemented-no-https"))
                .body("audit.grade", equalTo("D"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "null",
            "[]",
            "{}",
            "{\"headers\": []}",
            "{\"url\": null, \"headers\": []}",
            "{\"url\": \"\", \"headers\": []}",
            "{\"url\": \"ftp://example.org/\", \"headers\": []}",
            "{\"url\": \"example.org\", \"headers\": []}",
            "{\"url\": \"https://exa mple.org/\", \"headers\": []}",
            "{\"url\": 5, \"headers\": []}",
            "{\"url\": \"https://example.org/\"}",
            "{\"url\": \"https://example.org/\", \"headers\": null}",
            "{\"url\": \"https://example.org/\", \"headers\": {\"X-Frame-Options\": \"DENY\"}}",
            "{\"url\": \"https://example.org/\", \"headers\": [\"X-Frame-Options: DENY\"]}",
            "{\"url\": \"https://example.org/\", \"headers\": [null]}",
            "{\"url\": \"https://example.org/\", \"headers\": [{\"name\": \"X-Frame-Options\"}]}",
            "{\"url\": \"https://example.org/\", \"headers\": [{\"name\": \"\", \"value\": \"x\"}]}",
            "{\"url\": \"https://example.org/\", \"headers\": [{\"name\": 1, \"value\": \"x\"}]}",
            "{\"url\": \"https://example.org/\", \"headers\": [{\"name\": \"a\", \"value\": true}]}",
            "{\"url\": \"https://example.org/\", \"headers\": [{\"name\": \"a\", \"value\": \"b\", \"extra\": 1}]}",
            "{\"url\": \"https://example.org/\", \"headers\": []} trailing",
            "{\"url\": \"https://example.org/\", \"headers\": [], \"body\": 5}",
            "{\"url\": \"https://example.org/\", \"headers\": [], \"body\": {\"html\": \"\"}}" })
    void refusesMalformedBodies(String body) {
        given().contentType(ContentType.JSON).body(body).when().post("/audit")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body(not(containsString("Exception")));
    }

    /** The page, when given, is graded for subresource integrity and its meta tags. */
    @Test
    void gradesTheGivenPage() {
        String page = "<html><head><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; script-src https://cdn.example.net\">"
                + "<script src='https://cdn.example.net/lib.js'></script></head></html>";
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.org/", "headers", List.of(Map.of("name", "Content-Type", "value", "text/html")),
                        "body", page))
                .when().post("/audit")
                .then().statusCode(200)
                .body("audit.findings.find { it.test == 'sri' }.result", equalTo("sri-not-implemented-but-external-scripts-loaded-securely"))
                .body("audit.findings.find { it.test == 'sri' }.modifier", equalTo(-5))
                .body("audit.findings.find { it.test == 'csp' }.result", equalTo("csp-implemented-with-no-unsafe-default-src-none"))
                // hsts -20, x-content-type-options -5, x-frame-options -20 (a meta tag cannot set frame-ancestors), sri -5
                .body("audit.score", equalTo(50))
                .body("audit.grade", equalTo("C"));
    }

    @Test
    void withoutAPageThereIsNoSubresourceIntegrityFinding() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.org/", "headers", List.of(Map.of("name", "Content-Type", "value", "text/html"))))
                .when().post("/audit")
                .then().statusCode(200)
                .body("audit.findings.test", not(hasItem("sri")));
    }

    @Test
    void refusesALargerPageThanAllowed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.org/", "headers", List.of(), "body", "é" + "x".repeat(262_143)))
                .when().post("/audit")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("'body' holds 262145 bytes; at most 262144 are allowed"));
    }

    @Test
    void refusesMoreHeadersThanAllowed() {
        List<Map<String, String>> headers = Collections.nCopies(501, Map.of("name", "X-A", "value", "1"));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/", "headers", headers))
                .when().post("/audit")
                .then().statusCode(400)
                .body("detail", equalTo("'headers' lists 501 headers; at most 500 are allowed"));
    }

    @Test
    void refusesMoreHeaderBytesThanAllowed() {
        List<Map<String, String>> headers = Collections.nCopies(3, Map.of("name", "X-A", "value", "v".repeat(90_000)));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/", "headers", headers))
                .when().post("/audit")
                .then().statusCode(400)
                .body("detail", equalTo("the headers hold 270009 bytes; at most 262144 are allowed"));
    }

    @Test
    void namesTheWrongField() {
        given().contentType(ContentType.JSON)
                .body("{\"url\": \"https://example.org/\", \"headers\": [{\"name\": \"a\", \"value\": 7}]}")
                .when().post("/audit")
                .then().statusCode(400)
                .body("detail", equalTo("field 'headers[0].value' must be a string"));
    }
}
