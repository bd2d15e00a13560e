package io.headprobe.scan;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A client of /scans for tests: submit, wait for the end, read the results. */
final class Scans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Scans() {
    }

    static String submitJson(Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/scans")
                .then().statusCode(202).extract().path("id");
    }

    /** Polls GET /scans/{id} until the scan is no longer queued or running; fails after a minute. */
    static JsonNode awaitFinished(String id) {
        return awaitFinished(id, new RequestSpecBuilder().build());
    }

    /** The same, asking as {@code client} (with its API key, say). */
    static JsonNode awaitFinished(String id, RequestSpecification client) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (true) {
            JsonNode scan = readLine(given().spec(client).when().get("/scans/" + id).then().statusCode(200).extract().asString());
            String state = scan.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return scan;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("scan " + id + " still " + state + " after a minute: " + scan);
            }
            pause();
        }
    }

    /** Between two looks at a condition (a scan's state, a count); the condition decides, not the pause. */
    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<JsonNode> results(String id, String after) {
        return read(given().accept("application/x-ndjson").queryParam("after", after == null ? "" : after)
                .when().get("/scans/" + id + "/results")
                .then().statusCode(200).extract().asString());
    }

    /** One JSON value per line of NDJSON. */
    static List<JsonNode> read(String ndjson) {
        List<JsonNode> lines = new ArrayList<>();
        ndjson.lines().filter(line -> !line.isBlank()).forEach(line -> lines.add(readLine(line)));
        return lines;
    }

    private static JsonNode readLine(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
