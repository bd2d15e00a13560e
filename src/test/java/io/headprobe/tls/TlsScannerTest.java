package io.headprobe.tls;

import io.headprobe.tls.model.TlsScan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.Loopback;
import io.headprobe.testing.OldSslServer;
import io.headprobe.testing.OpenSslServer;
import io.headprobe.testing.OpenSslServer.Config;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.TestCa;

/** Given a server in a known configuration, when it is scanned, then the scan reports exactly that configuration. */
class TlsScannerTest {

    private static final TestCa CA = TestCa.create();
    private static final TlsScanner SCANNER = new TlsScanner(Duration.ofSeconds(5));

    private static TlsScan scan(InetSocketAddress address) {
        return scan(address, address.toString());
    }

    /** The scan, its cost written to the test's output: the measure of one host's scan. */
    private static TlsScan scan(InetSocketAddress address, String label) {
        TlsScan scan = SCANNER.scanBlocking(address, "localhost", System.nanoTime() + TimeUnit.SECONDS.toNanos(60), 4);
        System.out.printf("TLS scan of %s: %d handshakes in %.0f ms%n", label, scan.handshakes(), scan.durationMs());
        return scan;
    }

    private static TlsScan scan(Config config) {
        try (OpenSslServer server = OpenSslServer.start(CA.leaf("localhost"), config)) {
            return scan(server.address(), "openssl s_server " + config);
        }
    }

    private static List<String> names(TlsScan.ProtocolSuites suites) {
        return suites.suites().stream().map(TlsScan.Suite::name).toList();
    }

    @Test
    void tls13Only() {
        TlsScan scan = scan(Config.TLS13_ONLY);
        assertTrue(scan.complete(), scan.error());
        assertEquals(List.of("TLSv1.3"), scan.protocols());
        TlsScan.ProtocolSuites tls13 = scan.suites().get(0);
        assertEquals("TLSv1.3", tls13.protocol());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"), names(tls13));
        assertEquals(false, tls13.serverOrder());
        assertEquals(List.of("secp384r1", "x25519"), scan.groups());
        assertNull(scan.dhBits());
        assertEquals(true, scan.forwardSecrecy());
        assertEquals(List.of(), scan.weak());
        assertNull(scan.fallbackScsv(), "one version: nothing to fall back to");
        assertNull(scan.secureRenegotiation(), "TLS 1.3 has no renegotiation");
        assertEquals(false, scan.compression());
        assertNull(scan.certificate());
        assertNull(scan.rating());
        assertEquals("localhost", scan.host());
    }

    @Test
    void tls12EcdheInServerOrder() {
        TlsScan scan = scan(Config.TLS12_ECDHE);
        assertTrue(scan.complete(), scan.error());
        assertEquals(List.of("TLSv1.2"), scan.protocols());
        TlsScan.ProtocolSuites tls12 = scan.suites().get(0);
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), names(tls12));
        assertEquals(true, tls12.serverOrder());
        assertEquals(List.of("secp256r1", "secp384r1", "x25519"), scan.groups());
        assertNull(scan.dhBits());
        assertEquals(true, scan.forwardSecrecy());
        assertEquals(List.of(), scan.weak());
        assertNull(scan.fallbackScsv());
        assertEquals(true, scan.secureRenegotiation());
        assertEquals(false, scan.compression());
    }

    @Test
    void tls12StaticRsaAndCbc() {
        TlsScan scan = scan(Config.TLS12_RSA_CBC);
        assertTrue(scan.complete(), scan.error());
        assertEquals(List.of("TLSv1.2"), scan.protocols());
        TlsScan.ProtocolSuites tls12 = scan.suites().get(0);
        assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), names(tls12));
        assertEquals(false, tls12.serverOrder());
        TlsScan.Suite rsa = tls12.suites().get(0);
        assertEquals(new TlsScan.Suite("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F, "RSA", 128, false, List.of("static RSA")), rsa);
        assertEquals(List.of("secp256r1"), scan.groups());
        assertEquals(false, scan.forwardSecrecy());
        assertEquals(List.of("static RSA"), scan.weak(), "CBC is weak with TLS 1.0 only");
        assertEquals(true, scan.secureRenegotiation());
    }

    @Test
    void tls10AtSecurityLevelZero() {
        TlsScan scan = scan(Config.TLS10_LEGACY);
        assertTrue(scan.complete(), scan.error());
        assertEquals(List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"), scan.protocols());
        TlsScan.ProtocolSuites tls10 = scan.suites().get(0);
        assertEquals("TLSv1", tls10.protocol());
        assertEquals(false, tls10.serverOrder());
        // What `openssl ciphers -s -tls1 'ALL:@SECLEVEL=0'` lists for a server with an RSA key (Debian's
        // OpenSSL 3.0 has no 3DES, RC4 or export suites any more), in code order.
        assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
                "TLS_DH_anon_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
                "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
                "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
                "TLS_ECDH_anon_WITH_AES_256_CBC_SHA"), names(tls10));
        assertEquals(names(tls10), names(scan.suites().get(1)), "TLS 1.1 adds no suite to TLS 1.0");
        // testssl.sh 3.0 (-E) on the same configuration finds 16, 16, 56 and 3 suites too.
        assertEquals(56, scan.suites().get(2).suites().size(), names(scan.suites().get(2)).toString());
        assertEquals(3, scan.suites().get(3).suites().size());
        assertTrue(tls10.suites().stream().filter(suite -> suite.name().contains("_CBC_"))
                .allMatch(suite -> suite.weak().contains("CBC with TLS 1.0")));
        assertEquals(List.of("anonymous", "CBC with TLS 1.0", "static RSA"), scan.weak());
        assertEquals(false, scan.forwardSecrecy());
        assertEquals(List.of("secp256r1", "secp384r1", "secp521r1", "x25519", "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096",
                "ffdhe6144", "ffdhe8192"), scan.groups(), "OpenSSL 3.0's default groups");
        assertEquals(2048, scan.dhBits(), "OpenSSL picks the DH group to match an RSA 2048 key");
        assertEquals(true, scan.fallbackScsv());
        assertEquals(true, scan.secureRenegotiation());
        assertEquals(false, scan.compression(), "Debian builds OpenSSL without zlib");
    }

    @Test
    void smallDhGroup() {
        TlsScan scan = scan(Config.DH1024);
        assertTrue(scan.complete(), scan.error());
        assertEquals(List.of("TLSv1.2"), scan.protocols());
        assertEquals(List.of("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
                names(scan.suites().get(0)));
        assertEquals(1024, scan.dhBits());
        assertEquals(List.of(), scan.groups());
        assertEquals(true, scan.forwardSecrecy());
    }

    @Test
    void sslv3OnlyServer() {
        try (RawServer server = RawServer.start(OldSslServer.sslv3(List.of(0x000A, 0x0005)))) {
            TlsScan scan = scan(new InetSocketAddress(Loopback.address(), server.port()));
            assertTrue(scan.complete(), scan.error());
            assertEquals(List.of("SSLv3"), scan.protocols());
            TlsScan.ProtocolSuites sslv3 = scan.suites().get(0);
            assertEquals(List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA"), names(sslv3));
            assertEquals(true, sslv3.serverOrder());
            assertEquals(List.of("RC4", "3DES", "CBC with TLS 1.0", "static RSA"), scan.weak());
            assertEquals(false, scan.forwardSecrecy());
            assertEquals(false, scan.secureRenegotiation(), "no renegotiation_info in its ServerHello");
            assertNull(scan.fallbackScsv());
            assertNull(scan.dhBits());
            assertEquals(List.of(), scan.groups());
        }
    }

    @Test
    void oldServerWithCompressionNoRenegotiationInfoAndNoFallbackCheck() {
        try (RawServer server = RawServer.start(OldSslServer.tls(0x0301, 0x0302, List.of(0x002F, 0xC013), true))) {
            TlsScan scan = scan(new InetSocketAddress(Loopback.address(), server.port()));
            assertTrue(scan.complete(), scan.error());
            assertEquals(List.of("TLSv1", "TLSv1.1"), scan.protocols());
            assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
                    names(scan.suites().get(0)));
            assertEquals(true, scan.suites().get(0).serverOrder());
            assertEquals(List.of("CBC with TLS 1.0", "static RSA"), scan.weak());
            assertEquals(true, scan.compression());
            assertEquals(false, scan.secureRenegotiation());
            assertEquals(false, scan.fallbackScsv(), "it took a TLS 1.0 hello flagged as a fallback");
        }
    }

    @Test
    void sslv2Server() {
        try (RawServer server = RawServer.start(OldSslServer.sslv2(List.of(0x0700C0, 0x010080)))) {
            TlsScan scan = scan(new InetSocketAddress(Loopback.address(), server.port()));
            assertTrue(scan.complete(), scan.error());
            assertEquals(List.of("SSLv2"), scan.protocols());
            assertEquals(List.of("SSL_CK_RC4_128_WITH_MD5", "SSL_CK_DES_192_EDE3_CBC_WITH_MD5"), names(scan.suites().get(0)));
            assertEquals(List.of("RC4", "3DES", "static RSA"), scan.weak());
            assertNull(scan.secureRenegotiation());
            assertEquals(6, scan.handshakes(), "one hello per version and nothing more to ask");
        }
    }

    @Test
    void stopsAtTheDeadlineWithWhatItKnows() throws IOException {
        try (ServerSocket silent = Loopback.silent()) {
            long start = System.nanoTime();
            TlsScan scan = SCANNER.scanBlocking(new InetSocketAddress(Loopback.address(), silent.getLocalPort()), null,
                    start + TimeUnit.MILLISECONDS.toNanos(300), 4);
            assertFalse(scan.complete());
            assertEquals("the scan's time ran out", scan.error());
            assertEquals(List.of(), scan.protocols());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "returned at the deadline");
        }
    }

    @Test
    void aServerDrippingBytesCostsOneHandshakeTimeoutPerHello() {
        // A handshake record that never ends, a byte every 50 ms: each read is quick, the whole is not.
        RawServer.Script drip = socket -> {
            socket.getOutputStream().write(new byte[] { 22, 3, 3, 0x40, 0 });
            while (true) {
                socket.getOutputStream().write(2);
                socket.getOutputStream().flush();
                Thread.sleep(50); // the server's slowness, not a wait for the test
            }
        };
        TlsScanner quick = new TlsScanner(Duration.ofMillis(500));
        try (RawServer server = RawServer.start(drip)) {
            long start = System.nanoTime();
            TlsScan scan = quick.scanBlocking(new InetSocketAddress(Loopback.address(), server.port()), null,
                    start + TimeUnit.SECONDS.toNanos(20), 6);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "took " + scan.durationMs() + " ms");
            assertTrue(scan.complete(), scan.error());
            assertEquals("no SSL or TLS version accepted", scan.error());
            assertEquals(6, scan.handshakes());
        }
    }

    @Test
    void refusedConnectionIsTheError() {
        TlsScan scan = scan(new InetSocketAddress(Loopback.address(), Loopback.refusingPort()));
        assertFalse(scan.complete());
        assertTrue(scan.error().startsWith("ConnectException"), scan.error());
        assertEquals(List.of(), scan.protocols());
    }
}
