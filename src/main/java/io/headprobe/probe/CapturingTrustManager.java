package io.headprobe.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's verifier (chain and host name), with a record of what it saw for each watched
 * engine: the chain and the verdict, also when the verdict is "no". A verifying instance then
 * fails the handshake as usual; a lenient one (tlsVerify false) lets it go on.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

    /** What the verifier saw during one handshake. */
    static final class Handshake {
        volatile X509Certificate[] chain;
        volatile CertificateException failure;
        volatile String protocol;
        volatile String cipher;
        volatile String alpn;
    }

    private final X509ExtendedTrustManager delegate;
    private final boolean failOnError;
    private final Map<SSLEngine, Handshake> watched = new ConcurrentHashMap<>();

    CapturingTrustManager(X509ExtendedTrustManager delegate, boolean failOnError) {
        this.delegate = delegate;
        this.failOnError = failOnError;
    }

    Handshake watch(SSLEngine engine) {
        Handshake handshake = new Handshake();
        watched.put(engine, handshake);
        return handshake;
    }

    void forget(SSLEngine engine) {
        watched.remove(engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        Handshake handshake = watched.get(engine);
        if (handshake == null) {
            delegate.checkServerTrusted(chain, authType, engine);
            return;
        }
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
        } catch (CertificateException e) {
            handshake.failure = e;
            if (failOnError) {
                throw e;
            }
        }
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
