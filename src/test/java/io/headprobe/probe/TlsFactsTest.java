package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.TestCa;

/** The verdict on a refused chain comes from PKIX validation of its path, not from what else was sent. */
class TlsFactsTest {

    private static final TestCa CA = TestCa.create();
    private static final Set<TrustAnchor> TRUSTED = Set.of(new TrustAnchor(CA.root(), null));
    private static final CertificateException REFUSED = new CertificateException("refused by the JDK");

    @Test
    void anExpiredCertificateOffThePathDoesNotMakeASelfSignedLeafExpired() {
        X509Certificate self = CA.selfSignedLeaf("127.0.0.1").certificate();
        TlsFacts.Refusal refusal = explain(self, CA.expiredCrossSign());
        assertEquals(TlsVerifyError.SELF_SIGNED, refusal.error, refusal.getMessage());
    }

    @Test
    void anExpiredLeafOnATrustedPathIsExpired() {
        TestCa.Leaf expired = CA.expiredLeaf("127.0.0.1");
        TlsFacts.Refusal refusal = explain(expired.chainArray());
        assertEquals(TlsVerifyError.EXPIRED, refusal.error);
        assertEquals("certificate expired on " + expired.certificate().getNotAfter().toInstant(), refusal.getMessage());
    }

    @Test
    void thePathLeavesOutWhatIsNotOnTheWayToATrustedRoot() {
        TestCa.Leaf leaf = CA.leaf("127.0.0.1");
        X509Certificate[] sent = { leaf.certificate(), CA.intermediate(), CA.expiredCrossSign() };
        assertEquals(List.of(leaf.certificate(), CA.intermediate()), TlsFacts.path(sent, TRUSTED, Instant.now()));
    }

    @Test
    void aChainTheJdkTrustsWithoutTheHostNameFailedOnTheName() {
        TlsFacts.Refusal refusal = TlsFacts.explain(REFUSED, CA.wrongHostLeaf().chainArray(), true, TRUSTED, Instant.now());
        assertEquals(TlsVerifyError.HOSTNAME_MISMATCH, refusal.error);
        assertTrue(refusal.getMessage().contains(TestCa.OTHER_HOST), refusal.getMessage());
    }

    @Test
    void aRefusalTheValidatorCannotExplainIsOther() {
        TlsFacts.Refusal refusal = explain(CA.leaf("127.0.0.1").chainArray());
        assertEquals(TlsVerifyError.OTHER, refusal.error);
        assertEquals("certificate not trusted: refused by the JDK", refusal.getMessage());
    }

    private static TlsFacts.Refusal explain(X509Certificate... chain) {
        return TlsFacts.explain(REFUSED, chain, false, TRUSTED, Instant.now());
    }
}
