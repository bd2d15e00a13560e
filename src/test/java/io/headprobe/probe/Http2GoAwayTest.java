package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;

/**
 * An HTTP/2 server that sends GOAWAY before it answers: one that still covers the probe's stream
 * (a graceful shutdown) lets the answer through; one below it means the request was not processed.
 */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class Http2GoAwayTest {

    @Test
    void aGracefulGoAwayStillGivesTheAnswer() throws Exception {
        try (GoingAway server = new GoingAway(false)) {
            probe(server.port())
                    .body("ok", equalTo(true))
                    .body("status", equalTo(200))
                    .body("httpVersion", equalTo("HTTP/2"));
        }
    }

    @Test
    void aGoAwayBelowOurStreamFailsTheProbe() throws Exception {
        try (GoingAway server = new GoingAway(true)) {
            probe(server.port())
                    .body("ok", equalTo(false))
                    .body("error.code", equalTo("PROTOCOL_ERROR"))
                    .body("error.message", containsString("closed the HTTP/2 connection"));
        }
    }

    private static ValidatableResponse probe(int port) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("targets", List.of("https://127.0.0.1:" + port + "/")))
                .when().post("/probe")
                .then().statusCode(200)
                .rootPath("results[0]");
    }

    /** Answers each request after a GOAWAY whose last stream id is the request's, or 0 when {@code refuse}. */
    private static final class GoingAway implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx();
        private final HttpServer server;

        GoingAway(boolean refuse) throws Exception {
            HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                    .setKeyCertOptions(TestCaResource.ca.leaf("127.0.0.1").keyCertOptions())
                    .setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2));
            server = vertx.createHttpServer(options).requestHandler(request -> {
                request.connection().goAway(0, refuse ? 0 : request.streamId());
                if (!refuse) {
                    request.response().setStatusCode(200).end("ok\n");
                }
            }).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        int port() {
            return server.actualPort();
        }

        @Override
        public void close() throws Exception {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
