package io.headprobe.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SeedResourceTest {

    @Test
    void indexAnswersWithTheSeedPage() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType("text/html;charset=UTF-8")
                .body(equalTo("<h1>Index</h1>"));
    }

    @Test
    void helloGreetsByName() {
        given().when().get("/hello/world")
                .then().statusCode(200)
                .contentType("text/html;charset=UTF-8")
                .body(equalTo("<h1>hello, world!</h1>"));
    }

    @Test
    void helloEscapesMarkupInTheName() {
        given().urlEncodingEnabled(true).when().get("/hello/{name}", "<script>alert('x')&\"")
                .then().statusCode(200)
                .body(equalTo("<h1>hello, &lt;script&gt;alert(&#39;x&#39;)&amp;&quot;!</h1>"));
    }

    /**
     * The test profile delays each answer by 1 s and gives the app only 8 worker threads, so 200
     * calls that each held a thread would need at least 25 s; waiting without a thread, they
     * overlap and take about 1 s. The bound is generous to stay quiet on a loaded machine.
     */
    @Test
    void delayHoldsNoThread() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI base = URI.create("http://localhost:" + RestAssured.port);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> client.sendAsync(
                        HttpRequest.newBuilder(base.resolve("/hello/n" + i)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> response = calls.get(i).join();
            assertEquals(200, response.statusCode());
            assertEquals("<h1>hello, n" + i + "!</h1>", response.body());
        }
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "200 delayed calls took " + took);
    }
}
