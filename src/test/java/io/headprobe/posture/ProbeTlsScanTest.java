package io.headprobe.posture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.RecordingServer;
import io.headprobe.probe.TlsProbeTest;
import io.headprobe.testing.TestCa;
import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** {@code "tlsScan": true} on a probe: the final https URL's server scanned, at the probe's address, at its cost. */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class ProbeTlsScanTest {

    /** The CA the application trusts (TlsProbeTest.Profile's), so that the scan's certificate check verifies. */
    private static TestCa ca() {
        return TestCaResource.ca;
    }

    @Test
    void aProbeWithTlsScanCarriesTheScanOfItsServer() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS12_ECDHE)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("targets", List.of("https://localhost:" + server.port() + "/"), "method", "GET",
                            "tlsVerify", false, "tlsScan", true))
                    .when().post("/probe")
                    .then().statusCode(200)
                    .body("results[0].status", equalTo(200))
                    .body("results[0].tlsScan.host", equalTo("localhost"))
                    .body("results[0].tlsScan.address", equalTo("127.0.0.1:" + server.port()))
                    .body("results[0].tlsScan.protocols", contains("TLSv1.2"))
                    .body("results[0].tlsScan.forwardSecrecy", equalTo(true))
                    .body("results[0].tlsScan.rating.grade", equalTo("A-"))
                    .body("results[0].tlsScan.rating.caps", contains("TLS 1.3 not accepted: capped at A-"));
        }
    }

    @Test
    void aTargetWhoseCertificateFailsIsStillScanned() {
        // A CA the application does not trust: the probe fails its handshake, the scan still shows the server.
        try (OpenSslServer server = OpenSslServer.start(TestCa.create().leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            given().queryParam("target", "https://localhost:" + server.port() + "/").queryParam("tlsScan", "true")
                    .when().get("/probe")
                    .then().statusCode(200)
                    .body("results[0].error.code", equalTo("TLS_FAILURE"))
                    .body("results[0].tlsScan.protocols", contains("TLSv1.3"))
                    .body("results[0].tlsScan.handshakes", greaterThan(0))
                    .body("results[0].tlsScan.rating.grade", equalTo("T"));
        }
    }

    @Test
    void withoutTheOptionThereIsNoScan() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            given().queryParam("target", "https://localhost:" + server.port() + "/")
                    .when().get("/probe")
                    .then().statusCode(200)
                    .body("results[0].tlsScan", nullValue());
        }
    }

    @Test
    void anHttpFinalUrlGetsNoScan() {
        try (RecordingServer server = RecordingServer.plain(request -> RecordingServer.Answer.ok("plain"))) {
            given().contentType(ContentType.JSON).body(Map.of("targets", List.of(server.url("/")), "tlsScan", true))
                    .when().post("/probe")
                    .then().statusCode(200)
                    .body("results[0].status", equalTo(200))
                    .body("results[0].tlsScan", nullValue());
        }
    }

    @Test
    void theStreamCarriesTheScan() {
        try (OpenSslServer server = OpenSslServer.start(ca().leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            given().contentType(ContentType.JSON).accept("application/x-ndjson")
                    .body(Map.of("targets", List.of("https://localhost:" + server.port() + "/"), "method", "GET",
                            "tlsVerify", false, "tlsScan", true))
                    .when().post("/probe/stream")
                    .then().statusCode(200)
                    .contentType(startsWith("application/x-ndjson"))
                    .body(containsString("\"tlsScan\":{\"host\":\"localhost\",\"address\":\"127.0.0.1:" + server.port()))
                    .body(containsString("\"protocols\":[\"TLSv1.3\"]"));
        }
    }
}
