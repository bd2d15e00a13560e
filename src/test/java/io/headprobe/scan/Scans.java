package io.headprobe.scan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.headprobe.testing.Ndjson;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A client of /scans for tests: submit, wait for the end, read the results. */
final class Scans {

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
        return await("scan " + id + " finished").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> Ndjson.readLine(given().spec(client).when().get("/scans/" + id).then().statusCode(200).extract().asString()),
                        scan -> !List.of("queued", "running").contains(scan.get("state").asText()));
    }

    static List<JsonNode> results(String id, String after) {
        return Ndjson.read(given().accept("application/x-ndjson").queryParam("after", after == null ? "" : after)
                .when().get("/scans/" + id + "/results")
                .then().statusCode(200).extract().asString());
    }
}
