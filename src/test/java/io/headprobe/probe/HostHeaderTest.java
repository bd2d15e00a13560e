package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCaResource;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Host (HTTP/1.1) and :authority (HTTP/2) carry the target's port unless it is the scheme's default (RFC 9110 7.2). */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class HostHeaderTest {

    @Test
    void plainHttpSendsTheNonDefaultPortInHost() throws Exception {
        CompletableFuture<String> head = new CompletableFuture<>();
        try (RawServer server = RawServer.start(socket -> {
            head.complete(readHead(socket.getInputStream()));
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        })) {
            probe(Map.of("targets", List.of(server.url("/"))), 204);
            assertEquals(List.of("127.0.0.1:" + server.port()), head.get(10, TimeUnit.SECONDS).lines()
                    .filter(line -> line.regionMatches(true, 0, "Host:", 0, 5))
                    .map(line -> line.substring(5).strip()).toList());
        }
    }

    @ParameterizedTest
    @CsvSource({ "true, HTTP/2", "false, HTTP/1.1" })
    void httpsSendsTheNonDefaultPortInHostOrAuthority(boolean http2, String version) {
        try (TlsServer server = TlsServer.start(TestCaResource.ca.leaf("127.0.0.1"))) {
            probe(Map.of("targets", List.of(server.url("/")), "http2", http2), 200)
                    .body("results[0].httpVersion", equalTo(version))
                    .body("results[0].headers.find { it.name.toLowerCase() == 'x-seen-host' }.value",
                            equalTo("127.0.0.1:" + server.port()));
        }
    }

    private static io.restassured.response.ValidatableResponse probe(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/probe")
                .then().statusCode(200)
                .body("results[0].status", equalTo(status));
    }

    /** The request head as sent, up to the blank line. */
    private static String readHead(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
