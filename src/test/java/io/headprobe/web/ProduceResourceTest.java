package io.headprobe.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProduceResourceTest {

    @Test
    void oneItemIsOneExchange() {
        given().queryParam("n", 1).when().get("/produce")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(equalTo("""
                        [PRODUCER] Producing 1...
                        [CONSUMER] Consuming 1...
                        [PRODUCER] Consumer return: 200 OK
                        """));
    }

    @Test
    void threeItemsAlternateBetweenProducerAndConsumer() {
        given().queryParam("n", 3).when().get("/produce")
                .then().statusCode(200)
                .header("Transfer-Encoding", "chunked")
                .body(equalTo("""
                        [PRODUCER] Producing 1...
                        [CONSUMER] Consuming 1...
                        [PRODUCER] Consumer return: 200 OK
                        [PRODUCER] Producing 2...
                        [CONSUMER] Consuming 2...
                        [PRODUCER] Consumer return: 200 OK
                        [PRODUCER] Producing 3...
                        [CONSUMER] Consuming 3...
                        [PRODUCER] Consumer return: 200 OK
                        """));
    }

    @Test
    void producesFiveItemsByDefault() {
        given().when().get("/produce")
                .then().statusCode(200)
                .body(containsString("[PRODUCER] Producing 5..."))
                .body(org.hamcrest.Matchers.not(containsString("Producing 6")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "10001", "abc", "-1", "1.5" })
    void refusesCountsOutsideOneToTenThousand(String n) {
        given().queryParam("n", n).when().get("/produce")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("type", equalTo("about:blank"))
                .body("detail", containsString("'n'"));
    }
}
