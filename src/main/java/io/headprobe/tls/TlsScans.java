package io.headprobe.tls;

import io.headprobe.tls.TlsScan.CertificateFacts;

/** The last step of a TLS scan: the handshakes' findings, the certificate's, and the grade of them all. */
public final class TlsScans {

    private TlsScans() {
    }

    /**
     * @param partial what the handshakes found (its certificate and rating are ignored)
     * @param certificate from {@link CertificateCheck}; null when no handshake showed one
     * @param hsts true when the site sends HSTS with a long max-age (for A+)
     * @return the scan with its certificate and its rating
     */
    public static TlsScan complete(TlsScan partial, CertificateFacts certificate, boolean hsts) {
        TlsScan withCertificate = with(partial, certificate, null);
        return with(withCertificate, certificate, Ratings.rate(withCertificate, hsts));
    }

    private static TlsScan with(TlsScan s, CertificateFacts certificate, Rating rating) {
        return new TlsScan(s.host(), s.address(), s.complete(), s.protocols(), s.suites(), s.groups(), s.dhBits(),
                s.forwardSecrecy(), s.weak(), s.fallbackScsv(), s.secureRenegotiation(), s.compression(), certificate,
                rating, s.handshakes(), s.durationMs(), s.error());
    }
}
