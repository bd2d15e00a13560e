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
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's verifier (chain and host name) for one connection, with a record of what it saw: the
 * chain and the verdict, also when the verdict is "no". A verifying instance then fails the
 * handshake as usual; a lenient one (tlsVerify false, or the TLS scan's certificate check) lets it
 * go on. It watches an {@link SSLEngine} (the fetcher) or an {@link SSLSocket} (the TLS scan).
 */
public final class CapturingTrustManager extends X509ExtendedTrustManager {

    /**
     * The verdict until the verifier has passed a chain: a handshake that never showed one to the
     * verifier (a resumed session, say) must not read as verified.
     */
    static final CertificateException NOT_VERIFIED = new CertificateException(
            "the handshake showed no certificate chain to verify");

    /** What the verifier saw during the handshake. */
    public static final class Handshake {
        volatile X509Certificate[] chain;
        volatile CertificateException failure = NOT_VERIFIED;
        volatile String protocol;
        volatile String cipher;
        volatile String alpn;

        /** The chain as the server sent it, leaf first; null when none reached the verifier. */
        public X509Certificate[] chain() {
            return chain;
        }

        /** Why the chain did not verify, null when it did. */
        public TlsVerifyError error() {
            CertificateException seen = failure;
            return seen == null ? null : seen instanceof TlsFacts.Refusal refusal ? refusal.error : TlsVerifyError.OTHER;
        }
    }

    private final X509ExtendedTrustManager delegate;
    private final boolean failOnError;
    private final Handshake handshake = new Handshake();

    public CapturingTrustManager(X509ExtendedTrustManager delegate, boolean failOnError) {
        this.delegate = delegate;
        this.failOnError = failOnError;
    }

    public Handshake handshake() {
        return handshake;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        // ALPN is settled before the server's certificate arrives (ServerHello / EncryptedExtensions).
        capture(chain, authType, engine.getHandshakeSession(), engine.getHandshakeApplicationProtocol(),
                () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (!(socket instanceof SSLSocket ssl)) {
            delegate.checkServerTrusted(chain, authType, socket);
            return;
        }
        capture(chain, authType, ssl.getHandshakeSession(), ssl.getHandshakeApplicationProtocol(),
                () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    /** The JDK's check of one connection's chain, as the engine or the socket asks for it. */
    private interface Check {
        void run() throws CertificateException;
    }

    private void capture(X509Certificate[] chain, String authType, SSLSession session, String alpn, Check check)
            throws CertificateException {
        handshake.chain = chain.clone();
        if (session != null) {
            handshake.protocol = session.getProtocol();
            handshake.cipher = session.getCipherSuite();
        }
        handshake.alpn = alpn;
        try {
            check.run();
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

    /**
     * The issuer name of the intermediate {@code chain} lacks on its way to a root this verifier
     * trusts (or to a self-signed certificate); null when nothing is missing.
     */
    public String missingIssuer(X509Certificate[] chain) {
        return TlsFacts.missingIssuer(chain, anchors(), Instant.now());
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate trusted : delegate.getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(trusted, null));
        }
        return anchors;
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
