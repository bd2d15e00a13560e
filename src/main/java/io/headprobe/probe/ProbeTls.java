package io.headprobe.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.TargetUrl;

/**
 * TLS for the fetcher: the JDK's default trust plus {@code headprobe.probe.trust-store-file}, and
 * one SSL engine per connection, made here (not by Netty) so that the engine the verifier is
 * handed is the one we watch. Each connection gets an SSL context of its own, so no session is
 * ever resumed: a resumed handshake shows no chain, and every probe reports the verdict on the
 * chain it was shown (and times a full handshake). A context costs little next to the key share
 * of the ClientHello.
 */
@ApplicationScoped
class ProbeTls {

    private static final String[] H2_AND_HTTP11 = { "h2", "http/1.1" };
    private static final String[] HTTP11 = { "http/1.1" };

    @Inject
    ProbeConfig config;

    private X509ExtendedTrustManager defaults;
    /** Trust made on demand for a probe that names its own CA file (a blackbox module's ca_file). */
    private final Map<String, X509ExtendedTrustManager> byCaFile = new ConcurrentHashMap<>();

    @PostConstruct
    void start() throws GeneralSecurityException, IOException {
        defaults = trustManager(config.trustStoreFile().map(Path::of).orElse(null));
    }

    /** A TLS connection about to start, and what its verifier will record. */
    record Connection(SSLEngine engine, CapturingTrustManager.Handshake handshake) {
    }

    /** @param caFile null for the default trust; else the JDK's CAs plus this PEM bundle */
    Connection connect(TargetUrl url, boolean http2, boolean verify, String caFile) {
        X509ExtendedTrustManager trust = caFile == null ? defaults : byCaFile.computeIfAbsent(caFile, ProbeTls::trustFor);
        CapturingTrustManager verifier = new CapturingTrustManager(trust, verify);
        String host = url.host().endsWith(".") ? url.host().substring(0, url.host().length() - 1) : url.host();
        SSLEngine engine = context(verifier).createSSLEngine(host, url.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        // Check the host name against the certificate, as browsers do.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(http2 ? H2_AND_HTTP11 : HTTP11);
        if (url.literal().isEmpty()) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return new Connection(engine, verifier.handshake());
    }

    private static X509ExtendedTrustManager trustFor(String caFile) {
        try {
            return trustManager(Path.of(caFile));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("CA file " + caFile + " cannot be read: " + e.getMessage(), e);
        }
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

    /** The JDK's default CAs, plus every certificate of the PEM bundle {@code extra} when given. */
    static X509ExtendedTrustManager trustManager(Path extra) throws GeneralSecurityException, IOException {
        X509ExtendedTrustManager defaults = firstX509(null);
        if (extra == null) {
            return defaults;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : defaults.getAcceptedIssuers()) {
            store.setCertificateEntry("default-" + i++, ca);
        }
        Collection<? extends Certificate> added;
        try (InputStream in = Files.newInputStream(extra)) {
            added = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (added.isEmpty()) {
            throw new IllegalStateException("headprobe.probe.trust-store-file " + extra + " holds no PEM certificate");
        }
        for (Certificate ca : added) {
            store.setCertificateEntry("extra-" + i++, ca);
        }
        return firstX509(store);
    }

    private static X509ExtendedTrustManager firstX509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK has no X509ExtendedTrustManager");
    }
}
