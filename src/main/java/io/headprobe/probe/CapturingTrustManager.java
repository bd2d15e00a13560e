package io.headprobe.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's verifier (chain and host name) for one connection, with a record of what it saw: the
 * chain and the verdict, also when the verdict is "no". A verifying instance then fails the
 * handshake as usual; a lenient one (tlsVerify false) lets it go on.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

    /**
     * The verdict until the verifier has passed a chain: a handshake that never showed one to the
     * verifier (a resumed session, say) must not read as verified.
     */
    static final CertificateException NOT_VERIFIED = new CertificateException(
            "the handshake showed no certificate chain to verify");

    /** What the verifier saw during the handshake. */
    static final class Handshake {
        volatile X509Certificate[] chain;
        volatile CertificateException failure = NOT_VERIFIED;
        volatile String protocol;
        volatile String cipher;
        volatile String alpn;
    }

    private final X509ExtendedTrustManager delegate;
    private final boolean failOnError;
    private final Handshake handshake = new Handshake();

    CapturingTrustManager(X509ExtendedTrustManager delegate, boolean failOnError) {
        this.delegate = delegate;
        this.failOnError = failOnError;
    }

    Handshake handshake() {
        return handshake;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        handshake.chain = chain.clone();
        SSLSession session = engine.getHandshakeSession();
        if (session != null) {
            handshake.protocol = session.getProtocol();
            handshake.cipher = session.getCipherSuite();
        }
        // ALPN is settled before the server's certificate arrives (ServerHello / EncryptedExtensions).
        handshake.alpn = engine.getHandshakeApplicationProtocol();
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            handshake.failure = null;
        } catch (CertificateException e) {
            handshake.failure = TlsFacts.explain(e, chain, chainAloneTrusted(chain, authType), anchors(), Instant.now());
            if (failOnError) {
                throw e;
            }
        }
    }

    /** The JDK's check without the host name (and without the session's algorithm constraints). */
    private boolean chainAloneTrusted(X509Certificate[] chain, String authType) {
        try {
            delegate.checkServerTrusted(chain, authType);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate trusted : delegate.getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(trusted, null));
        }
        return anchors;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("HeadProbe is never a TLS server through this trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("HeadProbe is never a TLS server through this trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("HeadProbe is never a TLS server through this trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
