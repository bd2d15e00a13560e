package io.headprobe.probe;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

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
public class ProbeTls {

    private static final String[] H2_AND_HTTP11 = { "h2", "http/1.1" };
    private static final String[] HTTP11 = { "http/1.1" };
    private static final String[] H2 = { "h2" };

    private final X509ExtendedTrustManager defaults;

    @Inject
    public ProbeTls(ProbeConfig config) {
        try {
            defaults = config.trustStoreFile().map(file -> CaFile.read(Path.of(file)).trust())
                    .orElseGet(CaFile::jdkDefaults);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("headprobe.probe.trust-store-file: " + e.getMessage(), e);
        }
    }

    /** The trust of every probe: the JDK's roots, or {@code headprobe.probe.trust-store-file}. */
    public X509ExtendedTrustManager trust() {
        return defaults;
    }

    /** A TLS connection about to start, and what its verifier will record. */
    public record Connection(SSLEngine engine, CapturingTrustManager.Handshake handshake) {

        /**
         * What the handshake showed, once it is over or failed; null when no chain reached the
         * verifier. The context is the connection's own, so no session was resumed.
         */
        public TlsInfo facts() {
            X509Certificate[] chain = handshake.chain;
            return chain == null ? null
                    : TlsFacts.of(handshake.protocol, handshake.cipher, null, chain, handshake.failure, Instant.now());
        }
    }

    /**
     * @param caFile null for the default trust; else the JDK's CAs plus this PEM bundle
     * @param client a server name, TLS versions and a client certificate of its own (a blackbox
     *        module's tls_config); null for the target's name and the JDK's defaults
     */
    Connection connect(TargetUrl url, boolean http2, boolean verify, CaFile caFile, ProbeOptions.TlsClient client) {
        String host = url.host().endsWith(".") ? url.host().substring(0, url.host().length() - 1) : url.host();
        if (client != null && client.serverName() != null) {
            host = client.serverName();
        }
        return connect(host, url.port(), http2 ? H2_AND_HTTP11 : HTTP11, verify, caFile, client);
    }

    /**
     * For a prober that speaks no HTTP (blackbox's tcp): no ALPN, and the name checked against the
     * certificate (and sent as SNI, unless it is an address) is {@code serverName}: blackbox's
     * tls_config.server_name, else the target's host.
     */
    public Connection connect(String serverName, int port, boolean verify, CaFile caFile) {
        return connect(serverName, port, verify, caFile, null);
    }

    /** @param certificate shown to a server that asks for one (a module's tls_config cert and key); null for none */
    public Connection connect(String serverName, int port, boolean verify, CaFile caFile, ClientCertificate certificate) {
        return connect(serverName, port, new String[0], verify, caFile,
                certificate == null ? null : new ProbeOptions.TlsClient(null, List.of(), certificate));
    }

    /** As {@link #connect(String, int, boolean, CaFile)}, offering h2 alone by ALPN (blackbox's grpc, as grpc-go). */
    public Connection connectH2(String serverName, int port, boolean verify, CaFile caFile) {
        return connect(serverName, port, H2, verify, caFile, null);
    }

    private Connection connect(String host, int port, String[] alpn, boolean verify, CaFile caFile,
            ProbeOptions.TlsClient client) {
        CapturingTrustManager verifier = new CapturingTrustManager(caFile == null ? defaults : caFile.trust(), verify);
        // The engine's peer host is the name the certificate is checked against.
        SSLEngine engine = context(verifier, client == null ? null : client.certificate()).createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        // Check the host name against the certificate, as browsers do.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(alpn);
        if (client != null && !client.protocols().isEmpty()) {
            parameters.setProtocols(client.protocols().toArray(String[]::new));
        }
        serverName(host).ifPresent(name -> parameters.setServerNames(List.of(name)));
        engine.setSSLParameters(parameters);
        return new Connection(engine, verifier.handshake());
    }

    /**
     * SNI for a host name; none for an address literal, nor for a name SNI can't carry (RFC 6066
     * allows LDH names only, so {@code foo_bar.test} goes without).
     */
    private static Optional<SNIHostName> serverName(String host) {
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return Optional.empty();
        }
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
