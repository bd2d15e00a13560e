package io.headprobe.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCa;
import io.quarkus.test.junit.QuarkusTest;

/** GET /tls: the scan of a target behind the guard, bad input as a problem. */
@QuarkusTest
class TlsResourceTest {

    private static final TestCa CA = TestCa.create();

    @Test
    void scansAServerByName() {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
            given().queryParam("target", "localhost:" + server.port())
                    .when().get("/tls")
                    .then().statusCode(200)
                    .body("host", equalTo("localhost"))
                    .body("address", equalTo("127.0.0.1:" + server.port()))
                    .body("complete", equalTo(true))
                    .body("protocols", contains("TLSv1.2"))
                    .body("suites[0].protocol", equalTo("TLSv1.2"))
                    .body("suites[0].serverOrder", equalTo(true))
                    .body("suites[0].suites.name", contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"))
                    .body("suites[0].suites[0].code", equalTo(0xC030))
                    .body("suites[0].suites[0].keyExchange", equalTo("ECDHE"))
                    .body("groups", contains("secp256r1", "secp384r1", "x25519"))
                    .body("forwardSecrecy", equalTo(true))
                    .body("weak.size()", equalTo(0))
                    .body("secureRenegotiation", equalTo(true))
                    .body("compression", equalTo(false))
                    .body("handshakes", greaterThan(5))
                    .body("error", nullValue());
        }
    }

    @Test
    void scansAnIpLiteralWithoutSni() {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("127.0.0.1"), OpenSslServer.Config.TLS13_ONLY)) {
            given().queryParam("target", "127.0.0.1:" + server.port())
                    .when().get("/tls")
                    .then().statusCode(200)
                    .body("host", nullValue())
                    .body("protocols", contains("TLSv1.3"))
                    .body("groups", contains("secp384r1", "x25519"));
        }
    }

    @Test
    void anAddressTheGuardRefusesIsNeverConnectedTo() {
        // blocked.test is 127.0.0.2 in the test hosts file, outside the test profile's allow list
        given().queryParam("target", "blocked.test:443")
                .when().get("/tls")
                .then().statusCode(200)
                .body("complete", equalTo(false))
                .body("handshakes", equalTo(0))
                .body("error", containsString("which is not a public address"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "http://example.org/", "ftp://example.org", "exa mple.org", "example.org:99999",
            "[::1" })
    void badTargetIsAProblem(String target) {
        given().queryParam("target", target)
                .when().get("/tls")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void missingTargetIsAProblem() {
        given().when().get("/tls")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("target is required"));
    }
}
