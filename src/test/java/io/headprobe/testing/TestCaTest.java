package io.headprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The kit's own tests: the good chain verifies against the root PEM, each bad leaf fails for its own
 * reason (the JDK's exception types and messages are pinned here, the fetcher classifies by them),
 * and TlsServer speaks h2, http/1.1 only, TLS 1.2 only and TLS 1.3 only. Loopback and memory only.
 */
class TestCaTest {

    private static TestCa ca;
    private static X509ExtendedTrustManager trust;

    @BeforeAll
    static void makeCa() {
        ca = TestCa.create();
        trust = TestCa.trusting(ca.rootPemFile());
    }

    // ---- the certificates --------------------------------------------------------------------

    @Test
    void chainIsLeafIntermediateAndVerifiesAgainstTheRootPem() throws Exception {
        TestCa.Leaf leaf = ca.leaf("localhost", "127.0.0.1", "tls.test");
        assertEquals(List.of(leaf.certificate(), ca.intermediate()), leaf.chain());
        assertEquals(ca.intermediate().getSubjectX500Principal(), leaf.certificate().getIssuerX500Principal());
        assertEquals(ca.root().getSubjectX500Principal(), ca.intermediate().getIssuerX500Principal());
        leaf.certificate().verify(ca.intermediate().getPublicKey());
        ca.intermediate().verify(ca.root().getPublicKey());
        ca.root().verify(ca.root().getPublicKey());
        trust.checkServerTrusted(leaf.chainArray(), "ECDHE_RSA");

        assertTrue(Files.readString(ca.rootPemFile()).startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertEquals(2, Files.readString(leaf.chainFile()).split("BEGIN CERTIFICATE").length - 1);
        assertTrue(Files.readString(leaf.keyFile()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(2, "tls.test")),
                List.copyOf(leaf.certificate().getSubjectAlternativeNames()));
    }

    @Test
    void keyTypesAreRsa2048AndEcP256() {
        TestCa.Leaf rsa = ca.leaf("localhost");
        TestCa.Leaf ec = ca.leaf(TestCa.KeyType.EC_P256, "localhost");
        assertEquals(2048, ((RSAPublicKey) rsa.certificate().getPublicKey()).getModulus().bitLength());
        assertEquals(256, ((ECPublicKey) ec.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", rsa.certificate().getSigAlgName());
        assertEquals("SHA256withRSA", ca.intermediate().getSigAlgName());
    }

    @Test
    void serialNumbersAreUnique() {
        Set<Object> serials = new HashSet<>();
        serials.add(ca.root().getSerialNumber());
        serials.add(ca.intermediate().getSerialNumber());
        List<TestCa.Leaf> leaves = List.of(ca.leaf("localhost"), ca.leaf("localhost"), ca.expiredLeaf("localhost"),
                ca.selfSignedLeaf("localhost"), ca.unknownIssuerLeaf("localhost"));
        for (TestCa.Leaf leaf : leaves) {
            assertTrue(serials.add(leaf.certificate().getSerialNumber()), leaf.toString());
        }
    }

    // ---- failures, as the trust manager alone reports them (no host name check) -------------

    @Test
    void expiredFailsPkixWithCertificateExpired() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(ca.expiredLeaf("localhost").chainArray(), "ECDHE_RSA"));
        report("trust manager, expired", e);
        assertEquals("PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed",
                e.getMessage());
        assertInstanceOf(CertificateExpiredException.class, rootCause(e));
    }

    @Test
    void notYetValidFailsPkixWithCertificateNotYetValid() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(ca.notYetValidLeaf("localhost").chainArray(), "ECDHE_RSA"));
        report("trust manager, not yet valid", e);
        assertEquals("PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed",
                e.getMessage());
        assertInstanceOf(CertificateNotYetValidException.class, rootCause(e));
    }

    @Test
    void selfSignedFailsPkixWithNoPath() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(ca.selfSignedLeaf("localhost").chainArray(), "ECDHE_RSA"));
        report("trust manager, self-signed", e);
        assertTrue(e.getMessage().contains("unable to find valid certification path to requested target"),
                e.getMessage());
    }

    @Test
    void unknownIssuerFailsPkixWithNoPath() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(ca.unknownIssuerLeaf("localhost").chainArray(), "ECDHE_RSA"));
        report("trust manager, unknown issuer", e);
        assertTrue(e.getMessage().contains("unable to find valid certification path to requested target"),
                e.getMessage());
    }

    @Test
    void wrongHostPassesPkixAlone() throws Exception {
        // The chain is fine: only a check with the peer's name (below) turns it down.
        trust.checkServerTrusted(ca.wrongHostLeaf().chainArray(), "ECDHE_RSA");
    }

    // ---- failures in a handshake through SSLEngines, endpoint identification "HTTPS" ---------

    @Test
    void handshakeSucceedsForAValidLeafByNameAndByIp() throws Exception {
        TestCa.Leaf leaf = ca.leaf("localhost", "127.0.0.1");
        for (String host : List.of("localhost", "127.0.0.1")) {
            SSLEngine client = clientEngine(host);
            handshake(client, leaf.serverContext().createSSLEngine());
            assertEquals(leaf.certificate(), client.getSession().getPeerCertificates()[0]);
        }
        TestCa.Leaf ec = ca.leaf(TestCa.KeyType.EC_P256, "tls.test");
        SSLEngine client = clientEngine("tls.test");
        handshake(client, ec.serverContext().createSSLEngine());
        assertEquals(ec.certificate(), client.getSession().getPeerCertificates()[0]);
    }

    @Test
    void handshakeFailuresEachHaveTheirOwnReason() {
        record Case(String name, TestCa.Leaf leaf, String host, Class<? extends Throwable> cause, String message) {
        }
        List<Case> cases = List.of(
                new Case("expired", ca.expiredLeaf("localhost"), "localhost", CertificateExpiredException.class,
                        "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"),
                new Case("not yet valid", ca.notYetValidLeaf("localhost"), "localhost",
                        CertificateNotYetValidException.class,
                        "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"),
                new Case("wrong host, by name", ca.wrongHostLeaf(), "localhost", CertificateException.class,
                        "No subject alternative DNS name matching localhost found."),
                new Case("wrong host, by IP", ca.wrongHostLeaf(), "127.0.0.1", CertificateException.class,
                        "No subject alternative names matching IP address 127.0.0.1 found"),
                new Case("no IP SAN", ca.leaf("localhost"), "127.0.0.1", CertificateException.class,
                        "No subject alternative names matching IP address 127.0.0.1 found"),
                new Case("self-signed", ca.selfSignedLeaf("localhost"), "localhost", null,
                        "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
                                + "unable to find valid certification path to requested target"),
                new Case("unknown issuer", ca.unknownIssuerLeaf("localhost"), "localhost", null,
                        "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
                                + "unable to find valid certification path to requested target"));
        for (Case c : cases) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> handshake(clientEngine(c.host), c.leaf.serverContext().createSSLEngine()), c.name);
            report("SSLEngine, " + c.name, e);
            assertEquals(c.message, e.getMessage(), c.name);
            assertInstanceOf(CertificateException.class, e.getCause(), c.name);
            if (c.cause != null) {
                assertInstanceOf(c.cause, rootCause(e), c.name);
            }
        }
    }

    // ---- TlsServer ---------------------------------------------------------------------------

    @Test
    void h2ServerAnswers200OverH2AndEchoes() throws Exception {
        try (TlsServer server = TlsServer.start(ca.leaf("localhost", "127.0.0.1"))) {
            HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(URI.create(server.url("/h2?x=1")))
                    .header("X-Echo-Color", "blue").header("X-Other", "no").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertEquals("tls", response.headers().firstValue("X-Test").orElseThrow());
            assertEquals("blue", response.headers().firstValue("X-Echo-Color").orElseThrow());
            assertTrue(response.headers().firstValue("X-Other").isEmpty());
            assertEquals("127.0.0.1:" + server.port(), response.headers().firstValue("X-Seen-Host").orElseThrow());

            TlsServer.Seen seen = server.lastRequest();
            assertEquals("GET", seen.method());
            assertEquals("/h2", seen.path());
            assertEquals("/h2?x=1", seen.uri());
            assertEquals(HttpVersion.HTTP_2, seen.version());
            assertEquals("blue", seen.header("X-Echo-Color"));
            assertEquals(TlsServer.TLS13, seen.tlsProtocol());
            // The JDK sends no SNI for an IP address (RFC 6066 forbids it).
            assertEquals(null, seen.serverName());
        }
    }

    @Test
    void serverWithoutAlpnAnswersHttp11() throws Exception {
        try (TlsServer server = TlsServer.start(ca.leaf("localhost", "127.0.0.1"), TlsServer.Alpn.NONE)) {
            HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(URI.create(server.url("/one"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
            assertEquals(HttpVersion.HTTP_1_1, server.lastRequest().version());
            assertEquals("127.0.0.1:" + server.port(), server.lastRequest().header("Host"));
        }
    }

    @Test
    void tls12OnlyServerNegotiatesTls12() throws Exception {
        try (TlsServer server = TlsServer.start(ca.leaf(TestCa.KeyType.EC_P256, "localhost", "127.0.0.1"),
                TlsServer.Alpn.H2_AND_HTTP11, TlsServer.TLS12)) {
            HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(TlsServer.TLS12, response.sslSession().orElseThrow().getProtocol());
            assertEquals(TlsServer.TLS12, server.lastRequest().tlsProtocol());
            // An EC leaf, so an ECDSA suite; ALPN still gives h2 over TLS 1.2.
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", server.lastRequest().cipherSuite());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
        }
    }

    @Test
    void tls13OnlyServerNegotiatesTls13AndRefusesTls12() throws Exception {
        try (TlsServer server = TlsServer.start(ca.leaf("localhost", "127.0.0.1"), TlsServer.Alpn.H2_AND_HTTP11,
                TlsServer.TLS13)) {
            HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(URI.create(server.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(TlsServer.TLS13, response.sslSession().orElseThrow().getProtocol());
            assertEquals("TLS_AES_256_GCM_SHA384", server.lastRequest().cipherSuite());

            SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
            tls12.init(null, new javax.net.ssl.TrustManager[] { trust }, null);
            SSLParameters only12 = new SSLParameters();
            only12.setProtocols(new String[] { TlsServer.TLS12 });
            HttpClient old = HttpClient.newBuilder().sslContext(tls12).sslParameters(only12).build();
            IOException e = assertThrows(IOException.class, () -> old.send(
                    HttpRequest.newBuilder(URI.create(server.url("/"))).build(), HttpResponse.BodyHandlers.ofString()));
            report("JDK HttpClient TLS 1.2 only, server TLS 1.3 only", e);
            assertInstanceOf(SSLHandshakeException.class, e);
            assertEquals("Received fatal alert: protocol_version", e.getMessage());
        }
    }

    @Test
    void vertxClientSeesTheSameReasons() throws Exception {
        // What the fetcher sees: Vert.x' client, as HeadFetcher sets it up, trusting the root PEM.
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(fetcherLikeOptions());
            TestCa.Leaf valid = ca.leaf("localhost");
            List<TestCa.Leaf> leaves = List.of(valid, ca.expiredLeaf("localhost"),
                    ca.notYetValidLeaf("localhost"), ca.wrongHostLeaf(), ca.selfSignedLeaf("localhost"),
                    ca.unknownIssuerLeaf("localhost"));
            for (TestCa.Leaf leaf : leaves) {
                try (TlsServer server = TlsServer.start(leaf)) {
                    try {
                        HttpClientResponse response = vertxGet(client, server, "localhost");
                        assertEquals(valid, leaf, leaf.label() + " got " + response.statusCode());
                        assertEquals(HttpVersion.HTTP_2, response.version());
                        // Host "localhost" with setForceSni: the name goes in the handshake although the address is an IP.
                        assertEquals("localhost", server.lastRequest().serverName());
                    } catch (ExecutionException e) {
                        report("Vert.x, " + leaf.label(), e.getCause());
                        assertNotEquals(valid, leaf, leaf.label());
                        SSLHandshakeException outer = assertInstanceOf(SSLHandshakeException.class, e.getCause());
                        assertEquals("Failed to create SSL connection", outer.getMessage());
                        // The JDK's own exception, the same as in handshakeFailuresEachHaveTheirOwnReason, one level down.
                        assertInstanceOf(SSLHandshakeException.class, outer.getCause());
                        assertInstanceOf(CertificateException.class, outer.getCause().getCause());
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void vertxClientGetsTheTlsFactsFromTheConnection() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(fetcherLikeOptions());
            TestCa.Leaf leaf = ca.leaf("localhost", "127.0.0.1");
            try (TlsServer h2 = TlsServer.start(leaf);
                    TlsServer http11 = TlsServer.start(leaf, TlsServer.Alpn.NONE);
                    TlsServer tls12 = TlsServer.start(leaf, TlsServer.Alpn.H2_AND_HTTP11, TlsServer.TLS12)) {
                // Host 127.0.0.1: matched against the IP SAN. Unlike the JDK's HttpClient, Vert.x with
                // forceSni puts the IP literal in SNI (RFC 6066 says not to): a strict server may refuse it.
                HttpClientResponse response = vertxGet(client, h2, "127.0.0.1");
                assertEquals(HttpVersion.HTTP_2, response.version());
                javax.net.ssl.SSLSession session = response.request().connection().sslSession();
                assertEquals(TlsServer.TLS13, session.getProtocol());
                assertEquals(2, session.getPeerCertificates().length);
                assertEquals("127.0.0.1", h2.lastRequest().serverName());

                // No ALPN from the server: Vert.x asked for h2 and quietly gets HTTP/1.1.
                assertEquals(HttpVersion.HTTP_1_1, vertxGet(client, http11, "localhost").version());
                assertEquals(HttpVersion.HTTP_1_1, http11.lastRequest().version());

                HttpClientResponse old = vertxGet(client, tls12, "localhost");
                assertEquals(TlsServer.TLS12, old.request().connection().sslSession().getProtocol());
                assertEquals(HttpVersion.HTTP_2, old.version());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    // ---- HTTP/1.0 through RawServer ----------------------------------------------------------

    @Test
    void rawServerSpeaksHttp10() throws Exception {
        try (RawServer server = RawServer.start(RawServer.http10(200, "X-Old: yes"));
                Socket socket = new Socket(Loopback.address(), server.port())) {
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.0 200 OK\r\nX-Old: yes\r\n\r\nok\n", answer);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** HeadFetcher's client options, h2 by ALPN, trusting the root PEM only. */
    private static HttpClientOptions fetcherLikeOptions() {
        return new HttpClientOptions()
                .setKeepAlive(false).setVerifyHost(true).setForceSni(true)
                .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2)
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.rootPemFile().toString()));
    }

    /** A GET to the server's address (127.0.0.1) naming {@code host}, as the fetcher sends one. */
    private static HttpClientResponse vertxGet(io.vertx.core.http.HttpClient client, TlsServer server, String host)
            throws Exception {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(server.port(), "127.0.0.1"))
                .setHost(host).setPort(server.port()).setSsl(true).setURI("/");
        return client.request(request).compose(r -> r.send())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpClient jdkClient() {
        return HttpClient.newBuilder().sslContext(ca.clientContext()).version(HttpClient.Version.HTTP_2).build();
    }

    /** A client engine that trusts the root and checks the host name as HTTPS does. */
    private static SSLEngine clientEngine(String host) {
        SSLEngine engine = ca.clientContext().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Runs a handshake between two engines in memory; whatever either side throws comes out. */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        server.setUseClientMode(false);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer clientApp = ByteBuffer.allocate(1 << 17);
        ByteBuffer serverApp = ByteBuffer.allocate(1 << 17);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        // Each round moves what each side has to say; a handshake takes a few rounds, a stuck one ends the loop.
        for (int round = 0; round < 50; round++) {
            client.wrap(nothing, toServer);
            runTasks(client);
            toServer.flip();
            server.unwrap(toServer, serverApp);
            runTasks(server);
            toServer.compact();
            server.wrap(nothing, toClient);
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, clientApp);
            runTasks(client);
            toClient.compact();
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish: " + client.getHandshakeStatus() + " / "
                + server.getHandshakeStatus());
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    /** Prints the exception and its causes: the record of what the JDK says, for the fetcher's classifier. */
    private static void report(String name, Throwable e) {
        StringBuilder text = new StringBuilder("[TLS-REPORT] ").append(name).append('\n');
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append("    ").append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        System.out.print(text);
    }
}
