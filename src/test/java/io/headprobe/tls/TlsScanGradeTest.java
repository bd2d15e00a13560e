package io.headprobe.tls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** GET /tls carries the certificate (checked against the app's trust) and the grade, with its caps. */
@QuarkusTest
@TestProfile(TlsScanGradeTest.Profile.class)
class TlsScanGradeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestCaResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    static TestCa ca() {
        return TestCaResource.ca;
    }

    @Test
    void aTls13ServerWithATrustedChainGetsAnA() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            given().queryParam("target", "localhost:" + server.port())
                    .when().get("/tls")
                    .then().statusCode(200)
                    .body("certificate.keyType", equalTo("RSA"))
                    .body("certificate.keyBits", equalTo(2048))
                    .body("certificate.trusted", equalTo(true))
                    .body("certificate.chainComplete", equalTo(true))
                    .body("certificate.daysLeft", equalTo(89))
                    // Protocol 100, key exchange 90 (RSA 2048), cipher (256 + 128) / 2 = 90: 30 + 27 + 36.
                    .body("rating.score", equalTo(93))
                    .body("rating.grade", equalTo("A"))
                    .body("rating.caps", empty());
        }
    }

    @Test
    void aTls12OnlyServerIsCappedAtAMinusAndSaysWhy() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
            given().queryParam("target", "localhost:" + server.port())
                    .when().get("/tls")
                    .then().statusCode(200)
                    .body("rating.grade", equalTo("A-"))
                    .body("rating.caps", contains("TLS 1.3 not accepted: capped at A-"));
        }
    }

    @Test
    void aChainMissingItsIntermediateIsNamedAndGradedT() {
        TestCa.Leaf alone = ca().withoutIntermediate(ca().leaf("localhost"));
        try (OpenSslServer server = OpenSslServer.start(alone, OpenSslServer.Config.TLS13_ONLY)) {
            given().queryParam("target", "localhost:" + server.port())
                    .when().get("/tls")
                    .then().statusCode(200)
                    .body("certificate.trusted", equalTo(false))
                    .body("certificate.trustError", equalTo("UNKNOWN_ISSUER"))
                    .body("certificate.chainComplete", equalTo(false))
                    .body("certificate.missingIntermediate",
                            equalTo(ca().intermediate().getSubjectX500Principal().getName()))
                    .body("rating.grade", equalTo("T"))
                    .body("rating.caps", contains("certificate not trusted (UNKNOWN_ISSUER): T"))
                    .body("error", nullValue());
        }
    }
}
