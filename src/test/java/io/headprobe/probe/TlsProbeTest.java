package io.headprobe.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.testing.DnsServerResource;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TestCaResource;
import io.headprobe.testing.TlsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * TLS, HTTP/2, HTTP versions, timings and address fallback, against servers on loopback with
 * certificates from a CA the test makes (its root is the app's trust-store-file).
 */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
public class TlsProbeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // 127.0.0.3 takes part in the fallback test: it refuses, and must be allowed to be tried.
            return Map.of("headprobe.guard.allow", "127.0.0.0/8");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestCaResource.class),
                    new TestResourceEntry(DnsServerResource.class,
                            Map.of("fallback.test", "127.0.0.3,127.0.0.1", "tls.test", "127.0.0.1")));
        }
    }

    static TestCa ca() {
        return TestCaResource.ca;
    }

    @Test
    void reportsTheChainProtocolAndHttp2OfAVerifiedServer() {
        TestCa.Leaf leaf = ca().leaf("localhost", "127.0.0.1");
        try (TlsServer server = TlsServer.start(leaf)) {
            probe(Map.of("targets", List.of(server.url("/x"))))
                    .body("ok", equalTo(true))
                    .body("status", equalTo(200))
                    .body("httpVersion", equalTo("HTTP/2"))
                    .body("headers.name", hasItem("x-test")) // HTTP/2 names are lower case, as received
                    .body("tls.protocol", equalTo("TLSv1.3"))
                    .body("tls.cipher", startsWithTls())
                    .body("tls.alpn", equalTo("h2"))
                    .body("tls.verified", equalTo(true))
                    .body("tls.verifyError", nullValue())
                    .body("tls.daysLeft", greaterThanOrEqualTo(0))
                    .body("tls.certificates.size()", equalTo(2))
                    .body("tls.certificates[0].subject", equalTo(leaf.certificate().getSubjectX500Principal().getName()))
                    .body("tls.certificates[0].issuer", equalTo(ca().intermediate().getSubjectX500Principal().getName()))
                    .body("tls.certificates[0].sans", hasItems("localhost", "127.0.0.1"))
                    .body("tls.certificates[0].publicKey", equalTo("RSA 2048"))
                    .body("tls.certificates[0].serial", equalTo(leaf.certificate().getSerialNumber().toString(16)))
                    .body("tls.certificates[0].sha256", matchesPattern("[0-9a-f]{64}"))
                    .body("tls.certificates[0].notAfter", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                    .body("tls.certificates[1].publicKey", equalTo("EC P-256"))
                    .body("tls.certificates[0].signatureAlgorithm", equalTo("SHA256withECDSA"))
                    .body("timings.connectMs", greaterThanOrEqualTo(0f))
                    .body("timings.tlsMs", greaterThanOrEqualTo(0f))
                    .body("timings.headersMs", greaterThanOrEqualTo(0f))
                    .body("timings.dnsMs", nullValue()); // an address literal needs no lookup
            assertEquals("HTTP_2", server.lastRequest().version().name());
        }
    }

    @ParameterizedTest
    @CsvSource({ "expired, EXPIRED", "notYetValid, NOT_YET_VALID", "wrongHost, HOSTNAME_MISMATCH",
            "selfSigned, SELF_SIGNED", "unknownIssuer, UNKNOWN_ISSUER" })
    void aFailedVerificationSaysWhyAndShowsTheChain(String kind, String error) {
        try (TlsServer server = TlsServer.start(badLeaf(kind))) {
            probe(Map.of("targets", List.of(server.url("/"))))
                    .body("ok", equalTo(false))
                    .body("error.code", equalTo("TLS_FAILURE"))
                    .body("error.message", notNullValue())
                    .body("tls.verified", equalTo(false))
                    .body("tls.verifyError", equalTo(error))
                    .body("tls.verifyMessage", notNullValue())
                    .body("tls.certificates.size()", greaterThanOrEqualTo(1));
            assertEquals(0, server.requests().size(), "no request is sent over a connection that failed verification");

            probe(Map.of("targets", List.of(server.url("/")), "tlsVerify", false))
                    .body("ok", equalTo(true))
                    .body("status", equalTo(200))
                    .body("tls.verified", equalTo(false))
                    .body("tls.verifyError", equalTo(error));
        }
    }

    /**
     * A lenient probe must not resume the session of an earlier one: a resumed handshake shows no
     * chain, and its verdict would be "verified" for a chain that failed.
     */
    @ParameterizedTest
    @CsvSource({ "selfSigned, SELF_SIGNED, TLSv1.3", "expired, EXPIRED, TLSv1.3",
            "selfSigned, SELF_SIGNED, TLSv1.2", "expired, EXPIRED, TLSv1.2" })
    void everyLenientProbeReportsTheVerdictOfTheChainItWasShown(String kind, String error, String protocol) {
        try (TlsServer server = TlsServer.start(badLeaf(kind), TlsServer.Alpn.H2_AND_HTTP11, protocol)) {
            for (int i = 0; i < 4; i++) {
                probe(Map.of("targets", List.of(server.url("/")), "tlsVerify", false))
                        .body("ok", equalTo(true))
                        .body("tls.protocol", equalTo(protocol))
                        .body("tls.verified", equalTo(false))
                        .body("tls.verifyError", equalTo(error))
                        .body("tls.certificates.size()", greaterThanOrEqualTo(1));
            }
            assertEquals(4, server.requests().size());
        }
    }

    /**
     * SNI carries only LDH host names (RFC 6066), so a name with an underscore is sent without it,
     * and the probe goes on; the certificate can't be matched to such a name either.
     */
    @Test
    void aNameSniCannotCarryIsProbedWithoutSni() {
        try (TlsServer server = TlsServer.start(ca().leaf("foo_bar.test"))) {
            probe(Map.of("targets", List.of(server.url("foo_bar.test", "/")), "tlsVerify", false, "timeoutMs", 3000))
                    .body("ok", equalTo(true))
                    .body("status", equalTo(200))
                    .body("tls.verified", equalTo(false));
            assertEquals(null, server.lastRequest().serverName());

            probe(Map.of("targets", List.of(server.url("foo_bar.test", "/")), "timeoutMs", 3000))
                    .body("ok", equalTo(false))
                    .body("error.code", equalTo("TLS_FAILURE"))
                    .body("tls.verifyError", equalTo("HOSTNAME_MISMATCH"));
        }
    }

    /**
     * An expired cross-sign of the root sent after the intermediate is not on the path to the
     * trusted root: the chain verifies, and days left are the leaf's.
     */
    @Test
    void anExpiredCertificateOutsideTheVerifiedPathCountsForNothing() {
        TestCa.Leaf leaf = ca().withExtra(ca().leaf("127.0.0.1"), ca().expiredCrossSign());
        try (TlsServer server = TlsServer.start(leaf)) {
            probe(Map.of("targets", List.of(server.url("/"))))
                    .body("ok", equalTo(true))
                    .body("tls.verified", equalTo(true))
                    .body("tls.verifyError", nullValue())
                    .body("tls.certificates.size()", equalTo(3))
                    .body("tls.daysLeft", equalTo(89)); // the leaf's, as TestCa makes it
        }
    }

    /**
     * A chain that leads to no trusted root is UNKNOWN_ISSUER, even though the expired cross-sign
     * it also carries would lead on to a root nobody trusts either: the validator's reason, not
     * the first expired certificate in sight.
     */
    @Test
    void anUntrustedChainWithAnExpiredCrossSignIsUnknownIssuer() {
        TestCa foreign = TestCa.create("Foreign");
        try (TlsServer server = TlsServer.start(foreign.withExtra(foreign.leaf("127.0.0.1"), foreign.expiredCrossSign()))) {
            probe(Map.of("targets", List.of(server.url("/")), "tlsVerify", false))
                    .body("tls.verified", equalTo(false))
                    .body("tls.verifyError", equalTo("UNKNOWN_ISSUER"))
                    .body("tls.daysLeft", equalTo(89));
        }
    }

    @Test
    void anExpiredChainHasNegativeDaysLeft() {
        try (TlsServer server = TlsServer.start(ca().expiredLeaf("127.0.0.1"))) {
            probe(Map.of("targets", List.of(server.url("/")), "tlsVerify", false))
                    .body("tls.daysLeft", lessThan(0));
        }
    }

    @Test
    void reportsTls12AndNoAlpnAsTheyAre() {
        try (TlsServer tls12 = TlsServer.start(ca().leaf("127.0.0.1"), TlsServer.Alpn.NONE, TlsServer.TLS12)) {
            probe(Map.of("targets", List.of(tls12.url("/"))))
                    .body("tls.protocol", equalTo("TLSv1.2"))
                    .body("tls.alpn", nullValue())
                    .body("httpVersion", equalTo("HTTP/1.1"));
        }
    }

    @Test
    void http2CanBeTurnedOffPerRequest() {
        try (TlsServer server = TlsServer.start(ca().leaf("127.0.0.1"))) {
            probe(Map.of("targets", List.of(server.url("/")), "http2", false))
                    .body("tls.alpn", equalTo("http/1.1"))
                    .body("httpVersion", equalTo("HTTP/1.1"));
            assertEquals("HTTP_1_1", server.lastRequest().version().name());
        }
    }

    @Test
    void tellsHttp10ApartFromHttp11() {
        try (RawServer server = RawServer.start(RawServer.http10(200, "Server: old"))) {
            probe(Map.of("targets", List.of(server.url("/"))))
                    .body("httpVersion", equalTo("HTTP/1.0"))
                    .body("tls", nullValue())
                    .body("timings.tlsMs", nullValue());
        }
    }

    @Test
    void triesTheNextAddressWhenOneRefuses() {
        try (TlsServer server = TlsServer.start(ca().leaf("fallback.test"))) {
            probe(Map.of("targets", List.of(server.url("fallback.test", "/"))))
                    .body("ok", equalTo(true))
                    .body("addresses", contains("127.0.0.3", "127.0.0.1"))
                    .body("remoteAddress", equalTo("127.0.0.1"))
                    .body("timings.dnsMs", greaterThanOrEqualTo(0f));
            // The name, not the address, goes in SNI and Host.
            assertEquals("fallback.test", server.lastRequest().serverName());
        }
    }

    @Test
    void anIpVersionWithoutAddressesIsADnsFailure() {
        probe(Map.of("targets", List.of("https://tls.test/"), "ipVersion", 6))
                .body("error.code", equalTo("DNS_FAILURE"))
                .body("error.message", containsString("IPv6"));
    }

    @Test
    void sendsTheRequestHeadersAskedFor() {
        try (TlsServer server = TlsServer.start(ca().leaf("127.0.0.1"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept-Language", "de");
            headers.put("X-Echo-Run", "42");
            probe(Map.of("targets", List.of(server.url("/")), "headers", headers))
                    .body("headers.find { it.name == 'x-echo-run' }.value", equalTo("42"));
            assertEquals("de", server.lastRequest().header("accept-language"));
        }
    }

    @Test
    void eachHttpsRedirectHopCarriesItsOwnTls() {
        try (TlsServer target = TlsServer.start(ca().leaf("127.0.0.1"));
                RawServer redirect = RawServer.start(RawServer.answering(
                        "HTTP/1.1 301 Moved\r\nLocation: " + target.url("/next") + "\r\nContent-Length: 0\r\n\r\n"))) {
            probe(Map.of("targets", List.of(redirect.url("/"))))
                    .body("status", equalTo(200))
                    .body("redirects[0].remoteAddress", equalTo("127.0.0.1"))
                    .body("redirects[0].tls", nullValue())
                    .body("redirects[0].timings.connectMs", greaterThanOrEqualTo(0f))
                    .body("redirects[0].timings.totalMs", nullValue())
                    .body("tls.verified", equalTo(true));
        }
    }

    private static TestCa.Leaf badLeaf(String kind) {
        return switch (kind) {
            case "expired" -> ca().expiredLeaf("127.0.0.1");
            case "notYetValid" -> ca().notYetValidLeaf("127.0.0.1");
            case "wrongHost" -> ca().wrongHostLeaf();
            case "selfSigned" -> ca().selfSignedLeaf("127.0.0.1");
            case "unknownIssuer" -> ca().unknownIssuerLeaf("127.0.0.1");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static org.hamcrest.Matcher<String> startsWithTls() {
        return org.hamcrest.Matchers.startsWith("TLS_");
    }

    private static ValidatableResponse probe(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/probe")
                .then().statusCode(200)
                .rootPath("results[0]");
    }
}
