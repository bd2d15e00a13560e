package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A real HTTP/2 server, Debian's nghttpd (package nghttp2-server), probed over TLS with ALPN. */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class Http2PeerTest {

    static final Path NGHTTPD = Path.of("/usr/sbin/nghttpd");

    @Test
    void negotiatesHttp2WithNghttpd() throws Exception {
        if (!Files.isExecutable(NGHTTPD)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(NGHTTPD + " is missing: .ci/run should have installed Debian's nghttp2-server");
            }
            assumeTrue(false, NGHTTPD + " is missing (apt-get install nghttp2-server); skipped");
        }
        TestCa.Leaf leaf = TestCaResource.ca.leaf("127.0.0.1");
        Path root = Files.createTempDirectory("nghttpd");
        Files.writeString(root.resolve("index.html"), "ok\n");
        // Larger than HTTP/2's initial flow-control window (65,535 bytes): read whole only if the window is given back.
        byte[] big = BodyReadTest.bytes(200_000);
        Files.write(root.resolve("big.bin"), big);
        int port = freePort();
        Process server = new ProcessBuilder(NGHTTPD.toString(), "--address=127.0.0.1", "--htdocs=" + root,
                String.valueOf(port), leaf.keyFile().toString(), leaf.chainFile().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(port, server);
            given().contentType(ContentType.JSON)
                    .body(Map.of("targets", List.of("https://127.0.0.1:" + port + "/")))
                    .when().post("/probe")
                    .then().statusCode(200)
                    .rootPath("results[0]")
                    .body("ok", equalTo(true))
                    .body("httpVersion", equalTo("HTTP/2"))
                    .body("tls.alpn", equalTo("h2"))
                    .body("tls.verified", equalTo(true))
                    .body("headers.name", hasItem("server"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("targets", List.of("https://127.0.0.1:" + port + "/big.bin"), "body", true))
                    .when().post("/probe")
                    .then().statusCode(200)
                    .rootPath("results[0]")
                    .body("httpVersion", equalTo("HTTP/2"))
                    .body("body.wireBytes", equalTo(200_000))
                    .body("body.truncated", equalTo(false))
                    .body("body.sha256", equalTo(BodyReadTest.sha256(big)));
        } finally {
            server.destroy();
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "nghttpd stops on SIGTERM");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls until nghttpd accepts connections (it says nothing when it is ready). */
    private static void awaitListening(int port, Process server) {
        await("nghttpd listening on port " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .failFast(() -> {
                    if (!server.isAlive()) {
                        fail("nghttpd exited with " + server.exitValue());
                    }
                })
                .until(() -> Loopback.accepts(port));
    }
}
