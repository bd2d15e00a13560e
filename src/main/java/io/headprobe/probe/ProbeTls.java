package io.headprobe.probe;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.TargetUrl;
import io.netty.util.NetUtil;

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

    @PostConstruct
    void start() {
        try {
            defaults = config.trustStoreFile().map(file -> CaFile.read(Path.of(file)).trust())
                    .orElseGet(CaFile::jdkDefaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("headprobe.probe.trust-store-file: " + e.getMessage(), e);
        }
    }

    /** A TLS connection about to start, and what its verifier will record. */
    record Connection(SSLEngine engine, CapturingTrustManager.Handshake handshake) {
    }

    /**
     * @param caFile null for the default trust; else the JDK's CAs plus this PEM bundle
     * @param client a server name and TLS versions of its own; null for the target's and the JDK's
     */
    Connection connect(TargetUrl url, boolean http2, boolean verify, CaFile caFile, ProbeOptions.TlsClient client) {
        CapturingTrustManager verifier = new CapturingTrustManager(caFile == null ? defaults : caFile.trust(), verify);
        String host = url.host().endsWith(".") ? url.host().substring(0, url.host().length() - 1) : url.host();
        boolean literal = url.literal().isPresent();
        if (client != null && client.serverName() != null) {
            host = client.serverName();
            literal = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
        }
        // The engine's peer host is the name the certificate is checked against.
        SSLEngine engine = context(verifier, client == null ? null : client.certificate()).createSSLEngine(host, url.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        // Check the host name against the certificate, as browsers do.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(http2 ? H2_AND_HTTP11 : HTTP11);
        if (client != null && !client.protocols().isEmpty()) {
            parameters.setProtocols(client.protocols().toArray(String[]::new));
        }
        if (!literal) {
            serverName(host).ifPresent(name -> parameters.setServerNames(List.of(name)));
        }
        engine.setSSLParameters(parameters);
        return new Connection(engine, verifier.handshake());
    }

    /**
     * SNI for a host name (the caller leaves address literals out); none for a name SNI can't carry
     * (RFC 6066 allows LDH names only, so {@code foo_bar.test} goes without).
     */
    private static Optional<SNIHostName> serverName(String host) {
        try {
            return Optional.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SSLContext context(TrustManager trust, ClientCertificate certificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certificate == null ? null : new KeyManager[] { certificate.keyManager() },
                    new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
