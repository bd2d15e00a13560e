package io.headprobe.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.headprobe.http.Header;
import io.headprobe.probe.ProbeResult;
import io.headprobe.probe.TlsProbeTest;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The grade's A+ comes from the probe's own response: a probe's result with a year of HSTS, and
 * the same without, each handed to the scan step, against an OpenSSL server that earns an A
 * (TLS 1.2 and 1.3, ECDHE and AEAD only, fallback SCSV honoured). s_server sends no header of
 * one's choosing, so the result is the probe's as the prober hands it on.
 */
@QuarkusTest
@TestProfile(TlsProbeTest.Profile.class)
class ProbeTlsScanHstsTest {

    @Inject
    ProbeTlsScan step;

    @Test
    void hstsOfAtLeast180DaysMakesAnAPlus() {
        try (OpenSslServer server = OpenSslServer.start(TestCaResource.ca.leaf("localhost"), "-serverpref",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256")) {
            String url = "https://localhost:" + server.port() + "/";
            assertEquals("A", grade(url, List.of()));
            assertEquals("A+", grade(url, List.of(new Header("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))));
            assertEquals("A", grade(url, List.of(new Header("Strict-Transport-Security", "max-age=86400"))), "a day is not enough");
        }
    }

    @Test
    void readsMaxAgeAsBrowsersDo() {
        assertTrue(ProbeTlsScan.longHsts(List.of(new Header("strict-transport-security", "includeSubDomains; MAX-AGE=\"15552000\""))));
        assertFalse(ProbeTlsScan.longHsts(List.of(new Header("Strict-Transport-Security", "max-age=15551999"))));
        assertFalse(ProbeTlsScan.longHsts(List.of(new Header("Strict-Transport-Security", "max-age=forever"))));
        assertFalse(ProbeTlsScan.longHsts(List.of()));
    }

    private String grade(String url, List<Header> headers) {
        ProbeResult probed = new ProbeResult(url, url, true, 200, "HTTP/1.1", headers, List.of(), null, "127.0.0.1",
                List.of("127.0.0.1"), null, null, null);
        ProbeResult scanned = step.scan(probed, System.nanoTime() + TimeUnit.SECONDS.toNanos(20)).await().indefinitely();
        return scanned.tlsScan().rating().grade();
    }
}
