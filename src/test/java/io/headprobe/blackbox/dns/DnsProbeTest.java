package io.headprobe.blackbox.dns;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.headprobe.testing.DnsServer;
import io.headprobe.testing.DnsZone;
import io.headprobe.testing.ScrapedMetrics;
import io.headprobe.testing.TestCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * blackbox's dns prober on HeadProbe, against a DNS server on loopback that answers chosen
 * records, codes and sections over UDP and TCP, and one that is silent or garbled.
 */
@QuarkusTest
@TestProfile(DnsProbeTest.Profile.class)
class DnsProbeTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Setup.class));
        }
    }

    /** The DNS server the modules query, and a blackbox.yml of dns modules. */
    public static class Setup implements QuarkusTestResourceLifecycleManager {
        static volatile DnsServer server;
        static volatile TestCa ca;

        @Override
        public Map<String, String> start() {
            ca = TestCa.create();
            server = DnsZone.start().overTls(ca.leaf("127.0.0.1"));
            try {
                Path config = Files.writeString(Files.createTempFile("blackbox-dns", ".yml"), """
                        modules:
                          dns_a_tcp_no_recursion:
                            prober: dns
                            dns:
                              query_name: a.test.
                              query_type: A
                              transport_protocol: tcp
                              recursion_desired: false
                          dns_aaaa_forbidden:
                            prober: dns
                            dns:
                              query_name: a.test
                              query_type: AAAA
                              validate_answer_rrs:
                                fail_if_matches_regexp: ["2001:db8::1$"]
                          dns_silent_short:
                            prober: dns
                            timeout: 1s
                            dns:
                              query_name: silent.test
                          dns_silent_tcp:
                            prober: dns
                            timeout: 1s
                            dns:
                              query_name: silent.test
                              transport_protocol: tcp
                          dns_dot:
                            prober: dns
                            dns:
                              query_name: a.test
                              query_type: A
                              transport_protocol: tcp
                              dns_over_tls: true
                              tls_config:
                                ca_file: %1$s
                          dns_dot_untrusted:
                            prober: dns
                            dns:
                              query_name: a.test
                              transport_protocol: tcp
                              dns_over_tls: true
                          dns_dot_other_name:
                            prober: dns
                            dns:
                              query_name: a.test
                              transport_protocol: tcp
                              dns_over_tls: true
                              tls_config:
                                ca_file: %1$s
                                server_name: other.test
                          dns_garbled_slow:
                            prober: dns
                            timeout: 5s
                            dns:
                              query_name: garbled.test
                          dns_from_127_0_0_3:
                            prober: dns
                            timeout: 5s
                            dns:
                              query_name: a.test
                              source_ip_address: 127.0.0.3
                        """.formatted(ca.rootPemFile()) + DnsZone.MODULES);
                return Map.of("headprobe.blackbox.config-file", config.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            server.close();
        }
    }

    @Test
    void anAnswerOverUdpMatchesMiekgsTextForm() {
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_a");
        assertEquals(1.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_query_succeeded"));
        assertEquals(1.0, metrics.value("probe_dns_answer_rrs"));
        assertEquals(0.0, metrics.value("probe_dns_authority_rrs"));
        assertEquals(4.0, metrics.value("probe_ip_protocol"));
        assertEquals(3668918509.0, metrics.value("probe_ip_addr_hash"));
        assertEquals(3, metrics.samples.get("probe_dns_duration_seconds").size());
        assertNull(metrics.value("probe_dns_serial"), "blackbox writes the serial for SOA queries only");
    }

    @Test
    void overTcpTheQueryGoesOverTcp() {
        int before = Setup.server.tcpQueries("a.test");
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_a_tcp_no_recursion");
        assertEquals(1.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_answer_rrs"));
        assertEquals(before + 1, Setup.server.tcpQueries("a.test"));
    }

    @Test
    void dnsOverTlsChecksTheServersCertificate() {
        String target = "127.0.0.1:" + Setup.server.tlsPort();
        ScrapedMetrics metrics = scrape(target, "dns_dot");
        assertEquals(1.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_answer_rrs"));
        assertEquals(0.0, scrape(target, "dns_dot_untrusted").value("probe_success"), "a CA the JVM does not trust");
        assertEquals(0.0, scrape(target, "dns_dot_other_name").value("probe_success"), "a name the certificate does not have");
    }

    @Test
    void aRecordMatchingFailIfMatchesFailsTheProbe() {
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_aaaa_forbidden");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_query_succeeded"));
        assertEquals(1.0, metrics.value("probe_dns_answer_rrs"));
    }

    @Test
    void soaGivesTheSerial() {
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_soa");
        assertEquals(1.0, metrics.value("probe_success"));
        assertEquals((double) DnsZone.SERIAL, metrics.value("probe_dns_serial"));
    }

    @Test
    void everySectionIsCountedAndValidated() {
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_mx");
        assertEquals(1.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_answer_rrs"));
        assertEquals(1.0, metrics.value("probe_dns_authority_rrs"));
        assertEquals(2.0, metrics.value("probe_dns_additional_rrs"));
        assertEquals(0.0, scrape(Setup.server.address(), "dns_mx_no_ns_address").value("probe_success"));
    }

    @Test
    void theResponseCodeMustBeAValidOne() {
        assertEquals(1.0, scrape(Setup.server.address(), "dns_nx").value("probe_success"));
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_nx_default");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(1.0, metrics.value("probe_dns_query_succeeded"));
        assertEquals(1.0, metrics.value("probe_dns_authority_rrs"));
    }

    @Test
    void aSilentServerFailsTheProbeWithinItsTimeout() {
        for (String module : List.of("dns_silent_short", "dns_silent_tcp")) {
            long start = System.nanoTime();
            ScrapedMetrics metrics = scrape(Setup.server.address(), module);
            assertEquals(0.0, metrics.value("probe_success"), module);
            assertEquals(0.0, metrics.value("probe_dns_query_succeeded"), module);
            assertTrue(System.nanoTime() - start < 3_000_000_000L, module + " took too long");
        }
    }

    @Test
    void aGarbledAnswerFailsTheProbeAtOnce() {
        long start = System.nanoTime();
        ScrapedMetrics metrics = scrape(Setup.server.address(), "dns_garbled_slow");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(0.0, metrics.value("probe_dns_query_succeeded"));
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "it waited for the timeout");
    }

    /** source_ip_address: the query leaves from that address (any 127/8 address is the host's own). */
    @Test
    void theQueryLeavesFromTheSourceIpAddress() throws IOException {
        try (java.net.DatagramSocket server = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.concurrent.atomic.AtomicReference<java.net.InetAddress> from = new java.util.concurrent.atomic.AtomicReference<>();
            Thread answering = new Thread(() -> {
                try {
                    java.net.DatagramPacket query = new java.net.DatagramPacket(new byte[512], 512);
                    server.receive(query);
                    from.set(query.getAddress());
                    // Junk for an answer: the probe ends at once instead of at its timeout.
                    server.send(new java.net.DatagramPacket(new byte[] { 1, 2, 3 }, 3, query.getSocketAddress()));
                } catch (IOException e) {
                    // closed
                }
            });
            answering.start();
            scrape("127.0.0.1:" + server.getLocalPort(), "dns_from_127_0_0_3");
            assertEquals("127.0.0.3", from.get().getHostAddress());
        }
    }

    @Test
    void theGuardChecksTheServersAddress() {
        int before = Setup.server.queries();
        ScrapedMetrics metrics = scrape("127.0.0.2:" + Setup.server.port(), "dns_a");
        assertEquals(0.0, metrics.value("probe_success"));
        assertEquals(0.0, metrics.value("probe_dns_query_succeeded"));
        assertEquals(before, Setup.server.queries());
    }

    @Test
    void debugShowsTheRecords() {
        given().queryParam("target", Setup.server.address()).queryParam("module", "dns_mx").queryParam("debug", "true")
                .when().get("/probe").then().statusCode(200)
                .body(containsString("answer: mx.test.\t300\tIN\tMX\t10 mail.test."));
    }

    private static ScrapedMetrics scrape(String target, String module) {
        return ScrapedMetrics.parse(given().queryParam("target", target).queryParam("module", module)
                .when().get("/probe").then().statusCode(200).extract().asString());
    }
}
