package io.headprobe.blackbox.tcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.LinePeers;
import io.headprobe.testing.Loopback;
import io.headprobe.testing.RawServer;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.StockBlackbox;
import io.headprobe.testing.TestCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * blackbox's tcp prober on HeadProbe, against real peers on loopback: the stock blackbox.yml's tcp
 * modules (tcp_connect, ssh_banner, irc_banner, pop3s_banner), STARTTLS, expect_bytes and
 * probe_expect_info, and peers that are silent, flood or send a line without end.
 */
@QuarkusTest
@TestProfile(TcpProbeTest.Profile.class)
class TcpProbeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** A CA the app trusts, and a blackbox.yml with the stock file's tcp modules and a few more. */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static volatile TestCa ca;
        static volatile TestCa.Leaf client;

        @Override
        public Map<String, String> start() {
            ca = TestCa.create();
            client = ca.leaf("prober.example");
            try {
                Path config = Files.writeString(Files.createTempFile("blackbox-tcp", ".yml"), """
                        modules:
                          pop3s_escaped:
                            prober: tcp
                            tcp:
                              query_response:
                              - expect: "^\\\\+OK"
                              tls: true
                          tls_other_name:
                            prober: tcp
                            tcp:
                              tls: true
                              tls_config:
                                server_name: other.test
                          tls_connect:
                            prober: tcp
                            tcp:
                              tls: true
                          ssh_short:
                            prober: tcp
                            timeout: 1s
                            tcp:
                              query_response:
                              - expect: "^SSH-2.0-"
                          ssh_labels:
                            prober: tcp
                            tcp:
                              query_response:
                              - expect: "^SSH-2.0-([^ -]+)(?: (.*))?$"
                                labels:
                                - name: ssh_version
                                  value: "${1}"
                                - name: ssh_comments
                                  value: "${2}"
                          hello_bytes:
                            prober: tcp
                            tcp:
                              query_response:
                              - expect_bytes: "HELLO"
                          client_certificate:
                            prober: tcp
                            tcp:
                              tls: true
                              query_response: [{expect: '^[+]OK'}]
                              tls_config: {ca_file: %1$s, cert_file: %2$s, key_file: %3$s}
                          no_client_certificate:
                            prober: tcp
                            tcp:
                              tls: true
                              query_response: [{expect: '^[+]OK'}]
                              tls_config: {ca_file: %1$s}
                          from_127_0_0_3:
                            prober: tcp
                            tcp:
                              source_ip_address: 127.0.0.3
                          ssl_request:
                            prober: tcp
                            tcp:
                              query_response:
                              - send: !!binary AAAACATSFi8=
                              - expect_bytes: S
                          smtp_starttls:
                            prober: tcp
                            tcp:
                              query_response:
                              - expect: "^220 "
                              - send: "STARTTLS"
                              - expect: "^220 go"
                                starttls: true
                              - send: "NOOP"
                              - expect: "^250 secure"
                              tls_config:
                                ca_file: %s
                          icmp:
                            prober: icmp
                        """.formatted(ca.rootPemFile(), client.chainFile(), client.keyFile()) + StockBlackbox.TCP_MODULES);
                return Map.of("headprobe.blackbox.config-file", config.toString(),
                        "headprobe.probe.trust-store-file", ca.rootPemFile().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void tcpConnectSucceedsOnAListener() {
        try (RawServer target = RawServer.start(socket -> socket.getInputStream().read())) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "tcp_connect");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(4.0, metrics.value("probe_ip_protocol"));
            // FNV-1a of 127.0.0.1's four bytes, as blackbox writes it.
            assertEquals(3668918509.0, metrics.value("probe_ip_addr_hash"));
            assertEquals(0.0, metrics.value("probe_failed_due_to_regex"));
            assertNotNull(metrics.value("probe_dns_lookup_time_seconds"));
        }
    }

    @Test
    void tcpConnectFailsOnARefusedPort() {
        ScrapedMetrics metrics = scrape("127.0.0.1:" + Loopback.refusingPort(), "tcp_connect");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(4.0, metrics.value("probe_ip_protocol"));
    }

    @Test
    void sshBannerIsExpectedAndAnswered() {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (RawServer target = RawServer.start(LinePeers.sshBanner(heard))) {
            assertEquals(1.0, scrape(target.hostPort(), "ssh_banner").value("probe_success"));
            assertEquals("SSH-2.0-blackbox-ssh-check", poll(heard));
        }
    }

    @Test
    void aBannerThatDoesNotMatchFailsDueToRegex() {
        try (RawServer target = RawServer.start(socket -> LinePeers.write(socket, "220 smtp.example ESMTP\r\n"))) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "ssh_banner");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(1.0, metrics.value("probe_failed_due_to_regex"));
        }
    }

    @Test
    void ircBannerAnswersThePingWithItsToken() {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (RawServer target = RawServer.start(LinePeers.irc(heard))) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "irc_banner");
            assertEquals(List.of("NICK prober", "USER prober prober prober :prober", "PONG Xy7_token"),
                    List.of(poll(heard), poll(heard), poll(heard)));
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_failed_due_to_regex"));
        }
    }

    /**
     * The stock pop3s_banner's "^+OK" is, in Go's syntax and RE2's, the start anchor repeated and
     * then "OK": it never matches "+OK ..." (blackbox_exporter 0.23 fails it the same way). The TLS
     * part still works; "^\\+OK" is the regexp that matches.
     */
    @Test
    void pop3sBannerOverTlsVerifiedByTheTestCa() {
        TestCa.Leaf leaf = Setup.ca.leaf("127.0.0.1");
        try (RawServer target = RawServer.tls(leaf, LinePeers.pop3Banner(true))) {
            ScrapedMetrics stock = scrape(target.hostPort(), "pop3s_banner");
            assertEquals(0.0, stock.value("probe_success"));
            assertEquals(1.0, stock.value("probe_failed_due_to_regex"));
            assertNotNull(stock.value("probe_ssl_earliest_cert_expiry"));

            ScrapedMetrics metrics = scrape(target.hostPort(), "pop3s_escaped");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals((double) leaf.certificate().getNotAfter().toInstant().getEpochSecond(),
                    metrics.value("probe_ssl_earliest_cert_expiry"), "the leaf expires before the CA");
            assertEquals(metrics.value("probe_ssl_earliest_cert_expiry"),
                    metrics.value("probe_ssl_last_chain_expiry_timestamp_seconds"));
            assertEquals(1, metrics.samples.get("probe_tls_version_info").size());
        }
    }

    @Test
    void pop3sFailsOnAnUntrustedCertificate() {
        try (RawServer target = RawServer.tls(Setup.ca.unknownIssuerLeaf("127.0.0.1"),
                LinePeers.pop3Banner(true))) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "pop3s_banner");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_failed_due_to_regex"));
        }
    }

    @Test
    void serverNameIsTheNameTheCertificateIsCheckedFor() {
        try (RawServer target = RawServer.tls(Setup.ca.leaf(TestCa.OTHER_HOST), LinePeers.pop3Banner(false))) {
            assertEquals(1.0, scrape(target.hostPort(), "tls_other_name").value("probe_success"));
            assertEquals(0.0, scrape(target.hostPort(), "tls_connect").value("probe_success"),
                    "without server_name the certificate must be for 127.0.0.1");
        }
    }

    @Test
    void starttlsUpgradesAndTheStepsGoOnOverTls() {
        TestCa.Leaf leaf = Setup.ca.leaf("127.0.0.1");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (RawServer target = RawServer.start(socket -> {
            LinePeers.write(socket, "220 smtp.test ESMTP\r\n");
            heard.add(LinePeers.readLine(socket));
            LinePeers.write(socket, "220 go ahead\r\n");
            SSLSocket tls = (SSLSocket) leaf.serverContext().getSocketFactory().createSocket(socket, null,
                    socket.getPort(), false);
            tls.setUseClientMode(false);
            heard.add(LinePeers.readLine(tls));
            LinePeers.write(tls, "250 secure\r\n");
        })) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "smtp_starttls");
            assertEquals(List.of("STARTTLS", "NOOP"), List.of(poll(heard), poll(heard)));
            assertEquals(1.0, metrics.value("probe_success"));
            assertNotNull(metrics.value("probe_ssl_earliest_cert_expiry"));
        }
    }

    @Test
    void expectLabelsBecomeProbeExpectInfo() {
        try (RawServer target = RawServer.start(socket -> LinePeers.write(socket, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"))) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "ssh_labels");
            assertEquals(1.0, metrics.value("probe_success"));
            assertEquals(Map.of("ssh_version", "OpenSSH_9.6p1", "ssh_comments", "Ubuntu-3ubuntu13"),
                    metrics.samples.get("probe_expect_info").get(0).labels());
        }
    }

    @Test
    void expectBytesComparesTheBytesThatCome() {
        try (RawServer hello = RawServer.start(socket -> LinePeers.write(socket, "HELLO world"));
                RawServer other = RawServer.start(socket -> LinePeers.write(socket, "HOLA! world"))) {
            ScrapedMetrics matched = scrape(hello.hostPort(), "hello_bytes");
            assertEquals(1.0, matched.value("probe_success"));
            assertEquals(0.0, matched.value("probe_failed_due_to_bytes"));
            ScrapedMetrics differs = scrape(other.hostPort(), "hello_bytes");
            assertEquals(0.0, differs.value("probe_success"));
            assertEquals(1.0, differs.value("probe_failed_due_to_bytes"));
        }
    }

    /** tls_config cert_file and key_file: the server ends the handshake without a certificate its CA issued. */
    @Test
    void aClientCertificateIsShownWhenTheServerAsks() {
        try (RawServer pop3s = RawServer.tlsWithClientCertificates(Setup.ca.leaf("127.0.0.1"), Setup.ca,
                LinePeers.pop3Banner(false))) {
            assertEquals(1.0, scrape(pop3s.hostPort(), "client_certificate").value("probe_success"));
            assertEquals(0.0, scrape(pop3s.hostPort(), "no_client_certificate").value("probe_success"));
        }
    }

    /** source_ip_address: the connection comes from that address (any 127/8 address is the host's own). */
    @Test
    void theConnectionComesFromTheSourceIpAddress() throws InterruptedException {
        java.util.concurrent.LinkedBlockingQueue<String> from = new java.util.concurrent.LinkedBlockingQueue<>();
        try (RawServer target = RawServer.start(socket -> from.add(socket.getInetAddress().getHostAddress()))) {
            assertEquals(1.0, scrape(target.hostPort(), "from_127_0_0_3").value("probe_success"));
            assertEquals("127.0.0.3", from.poll(10, java.util.concurrent.TimeUnit.SECONDS), "the server saw the connection");
        }
    }

    /** upstream example's PostgreSQL SSLRequest: a !!binary send goes out as its bytes (0xD2 too), then a line feed. */
    @Test
    void aBinarySendIsSentAsItsBytes() {
        byte[] expected = { 0, 0, 0, 8, 4, (byte) 0xD2, 0x16, 0x2F, '\n' };
        try (RawServer postgres = RawServer.start(socket -> {
            byte[] got = socket.getInputStream().readNBytes(expected.length);
            LinePeers.write(socket, java.util.Arrays.equals(got, expected) ? "S" : "N");
        })) {
            assertEquals(1.0, scrape(postgres.hostPort(), "ssl_request").value("probe_success"));
        }
    }

    @Test
    void aSilentPeerFailsAtTheModulesTimeout() throws IOException {
        try (ServerSocket silent = Loopback.silent()) {
            ScrapedMetrics metrics = scrape("127.0.0.1:" + silent.getLocalPort(), "ssh_short");
            assertEquals(0.0, metrics.value("probe_success"));
            assertEquals(0.0, metrics.value("probe_failed_due_to_regex"), "a timeout is no regexp failure");
            double seconds = metrics.value("probe_duration_seconds");
            assertTrue(seconds >= 0.9 && seconds < 2, "ended at the 1s timeout: " + seconds);
        }
    }

    @Test
    void aPeerFloodingLinesIsCutAtTheTimeout() {
        try (RawServer target = RawServer.start(socket -> {
            byte[] lines = "NOT A BANNER\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(lines);
            }
        })) {
            ScrapedMetrics metrics = scrape(target.hostPort(), "ssh_short");
            assertEquals(0.0, metrics.value("probe_success"));
            assertTrue(metrics.value("probe_duration_seconds") < 2, "ended at the 1s timeout");
        }
    }

    @Test
    void aLineWithoutEndIsRefusedAfter64KiB() {
        try (RawServer target = RawServer.start(socket -> {
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'A');
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(chunk);
            }
        })) {
            given().queryParam("target", target.hostPort()).queryParam("module", "ssh_short").queryParam("debug", "true")
                    .when().get("/probe")
                    .then().statusCode(200)
                    .body(containsString("more than 65536 bytes without a line feed"))
                    .body(containsString("probe_success 0"));
        }
    }

    @Test
    void theGuardChecksTheAddressConnectedTo() {
        ScrapedMetrics metrics = scrape("127.0.0.2:22", "tcp_connect");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(0.0, metrics.value("probe_ip_protocol"), "no address was chosen");
    }

    @Test
    void aTargetWithoutPortFailsAsInBlackbox() {
        ScrapedMetrics metrics = scrape("127.0.0.1", "tcp_connect");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(null, metrics.value("probe_ip_protocol"));
    }

    @Test
    void icmpModulesAnswer400WithTheReason() {
        given().queryParam("target", "127.0.0.1").queryParam("module", "icmp")
                .when().get("/probe")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("module \"icmp\" is not run by HeadProbe: prober icmp: "
                        + "HeadProbe cannot send ICMP echo requests"));
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }

    private static String poll(BlockingQueue<String> queue) {
        try {
            return queue.poll(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
