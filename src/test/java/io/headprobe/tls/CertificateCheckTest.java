package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.TestCa;
import io.headprobe.tls.model.TlsScan.CertificateFacts;

/** The certificate facts of a TLS scan, from Debian's openssl s_server serving each kind of chain. */
class CertificateCheckTest {

    static final TestCa CA = TestCa.create();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static CertificateFacts check(OpenSslServer server, String name) throws IOException {
        return CertificateCheck.check(server.address(), name, CA.trustManager(), TIMEOUT);
    }

    @Test
    void aGoodChainIsTrustedCompleteAndInOrder() throws IOException {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), OpenSslServer.Config.TLS13_ONLY)) {
            CertificateFacts facts = check(server, "localhost");
            assertEquals("RSA", facts.keyType());
            assertEquals(2048, facts.keyBits());
            assertEquals("SHA256withECDSA", facts.signatureAlgorithm());
            assertFalse(facts.sha1Signed());
            assertTrue(facts.trusted(), facts.toString());
            assertNull(facts.trustError());
            assertTrue(facts.chainComplete());
            assertTrue(facts.chainInOrder());
            assertNull(facts.missingIntermediate());
            assertFalse(facts.ocspStapled());
            assertFalse(facts.sct());
            assertEquals(89, facts.daysLeft());
            assertEquals(CA.intermediate().getSubjectX500Principal().getName(), facts.issuer());
        }
    }

    @Test
    void aMissingIntermediateIsNamedByTheLeafsIssuer() throws IOException {
        TestCa.Leaf alone = CA.withoutIntermediate(CA.leaf("localhost"));
        try (OpenSslServer server = OpenSslServer.start(alone, OpenSslServer.Config.TLS12_ECDHE)) {
            CertificateFacts facts = check(server, "localhost");
            assertFalse(facts.trusted());
            assertEquals("UNKNOWN_ISSUER", facts.trustError());
            assertFalse(facts.chainComplete());
            assertEquals(CA.intermediate().getSubjectX500Principal().getName(), facts.missingIntermediate());
        }
    }

    @Test
    void anRsa1024LeafIsReportedWithItsSize() throws IOException {
        TestCa.Leaf small = CA.leaf(TestCa.KeyType.RSA_1024, "localhost");
        try (OpenSslServer server = OpenSslServer.start(small, "-cipher", "DEFAULT:@SECLEVEL=0")) {
            CertificateFacts facts = check(server, "localhost");
            assertEquals("RSA", facts.keyType());
            assertEquals(1024, facts.keyBits());
        }
    }

    @Test
    void aSha1SignedLeafIsFlagged() throws IOException {
        try (OpenSslServer server = OpenSslServer.start(CA.sha1Leaf("localhost"), "-cipher", "DEFAULT:@SECLEVEL=0")) {
            CertificateFacts facts = check(server, "localhost");
            assertEquals("SHA1withECDSA", facts.signatureAlgorithm());
            assertTrue(facts.sha1Signed());
        }
    }

    @Test
    void aStapledOcspResponseIsSeenWithTheSctsInIt() throws IOException {
        TestCa.Leaf leaf = CA.leaf("localhost");
        Path response = Files.createTempFile("headprobe-ocsp-", ".der");
        response.toFile().deleteOnExit();
        Files.write(response, CA.ocspGood(leaf, true));
        for (OpenSslServer.Config config : new OpenSslServer.Config[] { OpenSslServer.Config.TLS13_ONLY,
                OpenSslServer.Config.TLS12_ECDHE }) {
            try (OpenSslServer server = OpenSslServer.start(leaf, options(config, "-status_file", response.toString()))) {
                CertificateFacts facts = check(server, "localhost");
                assertTrue(facts.ocspStapled(), config + ": " + facts);
                assertTrue(facts.sct(), config + ": " + facts);
            }
        }
    }

    @Test
    void aNameMismatchIsTheProbesVerdict() throws IOException {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf(TestCa.OTHER_HOST), OpenSslServer.Config.TLS13_ONLY)) {
            CertificateFacts facts = check(server, "localhost");
            assertFalse(facts.trusted());
            assertEquals("HOSTNAME_MISMATCH", facts.trustError());
            assertTrue(facts.chainComplete(), "the chain itself is fine");
        }
    }

    @Test
    void aServerWithoutTls12Or13ShowsNoCertificate() throws IOException {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), "-tls1", "-cipher", "ALL:@SECLEVEL=0")) {
            assertNull(check(server, "localhost"));
        }
    }

    static String[] options(OpenSslServer.Config config, String... more) {
        return switch (config) {
            case TLS13_ONLY -> concat(new String[] { "-tls1_3" }, more);
            default -> concat(new String[] { "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256" }, more);
        };
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
