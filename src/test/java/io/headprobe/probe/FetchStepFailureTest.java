package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.http.Header;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCaResource;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.HttpMethod;

/**
 * A step of the exchange that throws inside a Netty callback (here: a header value the API would
 * refuse, handed to the pipeline directly) ends the probe at once with a clear error, instead of
 * holding it until its timeout.
 */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class FetchStepFailureTest {

    /** Far longer than the test waits: a probe that ends by timing out fails the test. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    Prober prober;

    @Test
    void aThrowAfterConnectingEndsAPlainHttpProbeAtOnce() {
        try (RawServer server = RawServer.start(RawServer.answering("HTTP/1.1 204 No Content\r\n\r\n"))) {
            assertEndsAtOnce(probe(server.url("/"), true));
        }
    }

    @Test
    void aThrowAfterTheHandshakeEndsAnHttpsProbeAtOnce() {
        try (TlsServer server = TlsServer.start(TestCaResource.ca.leaf("127.0.0.1"))) {
            // HTTP/1.1 over TLS: Netty's HTTP/1 headers refuse the value (its HTTP/2 headers do not check values).
            assertEndsAtOnce(probe(server.url("/"), false));
            assertEquals(0, server.requests().size(), "nothing was sent");
        }
    }

    private ProbeResult probe(String url, boolean http2) {
        ProbeOptions options = new ProbeOptions(HttpMethod.HEAD, TIMEOUT, false, 0, 1, false, true, http2, null,
                List.of(new Header("X-Bad", "a\u0001b")), null);
        return prober.probe(url, options).await().atMost(Duration.ofSeconds(10));
    }

    private static void assertEndsAtOnce(ProbeResult result) {
        assertEquals(ErrorCode.PROTOCOL_ERROR, result.error().code(), result.error().message());
        assertTrue(result.error().message().startsWith("HeadProbe could not go on after "), result.error().message());
        assertTrue(result.timings().totalMs() < TIMEOUT.toMillis(), "ended before its timeout");
    }
}
