package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import io.headprobe.probe.CapturingTrustManager;
import io.headprobe.probe.TlsVerifyError;
import io.netty.util.NetUtil;

/**
 * The certificate side of a TLS scan, from one JDK handshake (TLS 1.3 or 1.2) to the address with
 * SNI: the chain as the server sent it, the verdict on it as the probe names it (the handshake goes
 * on when it does not verify, so an untrusted chain is still described), and the stapled OCSP
 * response. The JDK client asks for a staple by itself: {@code jdk.tls.client.enableStatusRequestExtension}
 * defaults to true (JDK 17 and 25, read when a context is made) and HeadProbe leaves it alone.
 * Blocking: call it off the event loop.
 */
public final class CertificateCheck {

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();
    /** Signed Certificate Timestamp list, embedded in a certificate (RFC 6962 section 3.3). */
    static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
    /**
     * The DER of the OID of the SCT list an OCSP response carries (1.3.6.1.4.1.11129.2.4.5): the
     * response is searched for it rather than parsed, as the JDK has no public OCSP parser.
     */
    private static final byte[] OCSP_SCT_OID = { 0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0xD6, 0x79, 0x02,
            0x04, 0x05 };

    private CertificateCheck() {
    }

    /**
     * @param serverName sent as SNI and checked against the certificate; null for an address target
     *        (the address is checked against the certificate's IP names then)
     * @param trust the roots to verify against (the probe's)
     * @return null when no handshake showed a certificate (the server speaks neither TLS 1.3 nor 1.2, say)
     * @throws IOException when the server can't be reached
     */
    public static TlsScan.CertificateFacts check(InetSocketAddress address, String serverName,
            X509ExtendedTrustManager trust, Duration timeout) throws IOException {
        CapturingTrustManager verifier = new CapturingTrustManager(trust, false);
        String peer = serverName != null ? serverName : address.getAddress().getHostAddress();
        try (Socket plain = new Socket()) {
            plain.connect(address, (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            // A context of its own: no session is resumed, so the server sends its chain.
            SSLSocket socket = (SSLSocket) context(verifier).getSocketFactory().createSocket(plain, peer, address.getPort(),
                    false);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
            if (serverName != null && !NetUtil.isValidIpV4Address(serverName) && !NetUtil.isValidIpV6Address(serverName)) {
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
            }
            socket.setSSLParameters(parameters);
            SSLSession session;
            try {
                socket.startHandshake();
                session = socket.getSession();
            } catch (IOException e) {
                if (verifier.handshake().chain() == null) {
                    return null;
                }
                // The chain was seen; the handshake failed after it (a key the JDK refuses, say).
                session = null;
            }
            List<byte[]> staples = session instanceof ExtendedSSLSession extended ? extended.getStatusResponses() : List.of();
            return facts(verifier, staples, Instant.now());
        }
    }

    static TlsScan.CertificateFacts facts(CapturingTrustManager verifier, List<byte[]> staples, Instant now) {
        X509Certificate[] chain = verifier.handshake().chain();
        X509Certificate leaf = chain[0];
        TlsVerifyError error = verifier.handshake().error();
        String missing = verifier.missingIssuer(chain);
        String signature = leaf.getSigAlgName();
        String upper = signature.toUpperCase(Locale.ROOT);
        boolean stapled = !staples.isEmpty() && staples.get(0).length > 0;
        boolean sct = leaf.getExtensionValue(SCT_LIST_OID) != null || stapled && contains(staples.get(0), OCSP_SCT_OID);
        PublicKey key = leaf.getPublicKey();
        return new TlsScan.CertificateFacts(keyType(key), keyBits(key), signature,
                upper.startsWith("SHA1") || upper.contains("MD5") || upper.contains("MD2"),
                error == null, error == null ? null : error.name(), missing == null, inOrder(chain), missing, stapled, sct,
                Math.floorDiv(leaf.getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond(), SECONDS_PER_DAY),
                name(leaf.getSubjectX500Principal()), name(leaf.getIssuerX500Principal()));
    }

    /** Each certificate sent is issued by the one after it (the last may be anything). */
    static boolean inOrder(X509Certificate[] chain) {
        for (int i = 0; i + 1 < chain.length; i++) {
            if (!chain[i].getIssuerX500Principal().equals(chain[i + 1].getSubjectX500Principal())) {
                return false;
            }
        }
        return true;
    }

    static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "RSA";
        }
        if (key instanceof ECPublicKey) {
            return "EC";
        }
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        return key instanceof DSAPublicKey ? "DSA" : key.getAlgorithm();
    }

    /** RSA and DSA by modulus, EC by field size; Ed25519 and Ed448 by their curve's. */
    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equals(ed.getParams().getName()) ? 448 : 255;
        }
        return key instanceof DSAPublicKey dsa ? dsa.getParams().getP().bitLength() : 0;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String name(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static SSLContext context(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
