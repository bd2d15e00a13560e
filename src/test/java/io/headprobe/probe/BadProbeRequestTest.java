package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;

/** Every malformed request gets a 4xx problem body, never a 500 and never a stack trace. */
@QuarkusTest
class BadProbeRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{",
            "not json",
            "[]",
            "null",
            "42",
            "\"targets\"",
            "{}",
            "{\"targets\": null}",
            "{\"targets\": []}",
            "{\"targets\": \"http://127.0.0.1/\"}",
            "{\"targets\": {\"a\": 1}}",
            "{\"targets\": [null]}",
            "{\"targets\": [[\"x\"]]}",
            "{\"targets\": [1, true]}",
            "{\"targets\": [\"x\", 1.5]}",
            "{\"targets\": [\"x\"], \"method\": true}",
            "{\"targets\": [\"x\"], \"method\": \"POST\"}",
            "{\"targets\": [\"x\"], \"method\": 1}",
            "{\"targets\": [\"x\"], \"timeoutMs\": 0}",
            "{\"targets\": [\"x\"], \"timeoutMs\": -5}",
            "{\"targets\": [\"x\"], \"timeoutMs\": 3600000}",
            "{\"targets\": [\"x\"], \"timeoutMs\": \"5000\"}",
            "{\"targets\": [\"x\"], \"timeoutMs\": 1.5}",
            "{\"targets\": [\"x\"], \"timeoutMs\": 99999999999999}",
            "{\"targets\": [\"x\"], \"maxRedirects\": -1}",
            "{\"targets\": [\"x\"], \"maxRedirects\": 100}",
            "{\"targets\": [\"x\"], \"concurrency\": 0}",
            "{\"targets\": [\"x\"], \"concurrency\": 100000}",
            "{\"targets\": [\"x\"], \"followRedirects\": \"yes\"}",
            "{\"targets\": [\"x\"], \"audit\": 1}",
            "{\"targets\": [\"x\"], \"unknown\": true}",
            "{\"targets\": [\"x\"], \"ipVersion\": 5}",
            "{\"targets\": [\"x\"], \"ipVersion\": \"6\"}",
            "{\"targets\": [\"x\"], \"tlsVerify\": \"no\"}",
            "{\"targets\": [\"x\"], \"http2\": 1}",
            "{\"targets\": [\"x\"], \"headers\": [\"X-A: 1\"]}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": 1}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": null}}",
            "{\"targets\": [\"x\"], \"headers\": {\"Host\": \"evil.example\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"content-length\": \"5\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"Transfer-Encoding\": \"chunked\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"Connection\": \"upgrade\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"Bad Name\": \"1\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"\": \"1\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"1\\r\\nX-B: 2\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"1\\n\"}}",
            // What Netty refuses on the wire (a leading space, DEL, other control characters), what
            // RFC 9110 keeps off a value's end, and what the encoders would not send as given.
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \" v\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"v\\u007f\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"a\\u0001b\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"v\\t\"}}",
            "{\"targets\": [\"x\"], \"headers\": {\"X-A\": \"caf\\u00e9\"}}",
            "{\"targets\": [\"x\"]} trailing",
            "{\"targets\": [\"x\"],}" })
    void refusesMalformedBodies(String body) {
        post(body).statusCode(400)
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("type", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("at io.")))
                .body(not(containsString("Exception")));
    }

    @Test
    void namesTheFieldThatIsWrong() {
        post("{\"targets\": [\"x\"], \"timeoutMs\": \"soon\"}").statusCode(400)
                .body("detail", equalTo("field 'timeoutMs' has the wrong type or value"));
        post("{\"targets\": [\"x\", true]}").statusCode(400)
                .body("detail", equalTo("field 'targets[1]' must be a string"));
        post("{\"targets\": [\"x\"], \"colour\": 1}").statusCode(400)
                .body("detail", equalTo("unknown field 'colour'"));
        post("{\"targets\": [\"x\"], \"method\": \"PUT\"}").statusCode(400)
                .body("detail", equalTo("'method' must be HEAD or GET, not 'PUT'"));
    }

    @Test
    void refusesMoreRequestHeadersThanAllowed() {
        Map<String, String> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("X-H" + i, "v");
        }
        given().contentType(ContentType.JSON).body(Map.of("targets", java.util.List.of("x"), "headers", many))
                .when().post("/probe")
                .then().statusCode(400)
                .body("detail", equalTo("'headers' has 21 entries; at most 20 are allowed"));
        given().contentType(ContentType.JSON)
                .body(Map.of("targets", java.util.List.of("x"), "headers", Map.of("X-Big", "v".repeat(8200))))
                .when().post("/probe")
                .then().statusCode(400)
                .body("detail", equalTo("'headers' hold 8205 bytes; at most 8192 are allowed"));
        post("{\"targets\": [\"x\"], \"headers\": {\"Host\": \"evil.example\"}}").statusCode(400)
                .body("detail", containsString("may not set Host"));
        post("{\"targets\": [\"http://127.0.0.1:9/\"], \"headers\": {\"X-A\": \"a\\u0001b\"}}").statusCode(400)
                .body("detail", equalTo("'headers' entry 'X-A' has a control character (U+0001) in its value"));
    }

    @Test
    void refusesMoreTargetsThanAllowed() {
        Map<String, Object> body = Map.of("targets", Collections.nCopies(1001, "x"));
        given().contentType(ContentType.JSON).body(body).when().post("/probe")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 1000"));
    }

    @ParameterizedTest
    @CsvSource({ "text/plain, x", "application/xml, <targets/>", "application/x-www-form-urlencoded, targets=x" })
    void refusesOtherContentTypes(String contentType, String body) {
        given().contentType(contentType).body(body).when().post("/probe")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void refusesBodiesOverTheLimit() {
        String huge = "{\"targets\": [\"" + "a".repeat(1_100_000) + "\"]}";
        post(huge).statusCode(413)
                .body("status", equalTo(413))
                .body("detail", containsString("1048576"))
                // Refused before any route reads the body, and still with HeadProbe's own security headers.
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", notNullValue());
    }

    @Test
    void refusesChunkedBodiesOverTheSameLimit() throws Exception {
        // A few bytes over 1 MiB: the limit trips at the very end, when the client has sent all of it.
        byte[] body = ("{\"targets\": [\"" + "a".repeat(1_048_576 - 10) + "\"]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/probe"))
                .header("Content-Type", "application/json")
                // No length known up front: the client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @Test
    void refusesATargetLongerThanAnyUrlNeeds() {
        post("{\"targets\": [\"x\", \"" + "a".repeat(8193) + "\"]}").statusCode(400)
                .body("detail", equalTo("'targets[1]' is 8193 characters long; at most 8192 are allowed"));
    }

    @ParameterizedTest
    @CsvSource({ "timeoutMs, soon", "followRedirects, yes", "concurrency, 0", "method, DELETE" })
    void refusesBadQueryParameters(String name, String value) {
        given().queryParam("target", "x").queryParam(name, value).when().get("/probe")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(name));
    }

    @Test
    void refusesAQueryWithoutTargets() {
        given().when().get("/probe").then().statusCode(400).contentType("application/problem+json");
        given().when().get("/audit").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        given().when().get("/nowhere").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/probe").then().statusCode(405).contentType("application/problem+json");
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/probe")
                .then().contentType("application/problem+json");
    }
}
