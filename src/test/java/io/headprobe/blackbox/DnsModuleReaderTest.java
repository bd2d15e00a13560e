package io.headprobe.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.headprobe.blackbox.dns.DnsModule;

/** dns modules of blackbox.yml: blackbox's defaults, and what stops start-up with which reason. */
class DnsModuleReaderTest {

    @Test
    void defaultsAreBlackboxs() {
        BlackboxFile file = BlackboxFile.parse("""
                modules:
                  dns:
                    prober: dns
                    dns:
                      query_name: example.test
                """);
        assertEquals(List.of(), List.copyOf(file.refused().keySet()), "dns modules are no longer refused");
        DnsModule module = file.dns().get("dns");
        assertEquals(255, module.queryType(), "ANY");
        assertEquals(1, module.queryClass(), "IN");
        assertFalse(module.tcp());
        assertTrue(module.recursionDesired());
        assertTrue(module.ipProtocolFallback());
        assertEquals("ip6", module.preferredIpProtocol());
        assertEquals(Set.of(0), module.validRcodes());
    }

    @Test
    void keysAreRead() {
        DnsModule module = BlackboxFile.parse("""
                modules:
                  m:
                    prober: dns
                    dns:
                      query_name: example.test
                      query_type: SOA
                      query_class: CH
                      transport_protocol: tcp
                      recursion_desired: false
                      valid_rcodes: [NOERROR, NXDOMAIN]
                      dns_over_tls: false
                      validate_answer_rrs:
                        fail_if_matches_regexp: [a]
                        fail_if_all_match_regexp: [b]
                        fail_if_not_matches_regexp: [c]
                        fail_if_none_matches_regexp: [d]
                """).dns().get("m");
        assertEquals(6, module.queryType());
        assertEquals(3, module.queryClass());
        assertTrue(module.tcp());
        assertFalse(module.recursionDesired());
        assertEquals(Set.of(0, 3), module.validRcodes());
        assertEquals("d", module.answer().failIfNoneMatches().get(0).pattern());
    }

    @Test
    void whatHeadProbeCannotHonourStopsStartUp() {
        assertTrue(error("dns_over_tls: true").contains("DNS over TLS needs transport_protocol: tcp"));
        assertEquals("blackbox module \"m\": key dns.tls_config.cert_file is not supported by HeadProbe (it sends no client certificate)",
                error("tls_config: {cert_file: client.pem}"));
        assertTrue(error("source_ip_address: example.org").contains("dns.source_ip_address: error parsing source ip address: example.org"));
        assertTrue(error("valid_rcodes: [NOPE]").contains("\"NOPE\" is not an rcode"));
        assertTrue(error("transport_protocol: quic").contains("neither udp nor tcp"));
        assertTrue(error("query_type: NOPE").contains("query type 'NOPE' is not valid"));
        assertTrue(error("query_class: NOPE").contains("query class 'NOPE' is not valid"));
        assertTrue(error("validate_answer_rrs: {fail_if_matches_regexp: ['(?=x)']}").contains("is not a Go regexp"));
        assertTrue(error("query_typo: A").contains("dns.query_typo"));
        assertTrue(BlackboxConfigException.class.isInstance(assertThrows(RuntimeException.class, () -> BlackboxFile.parse("""
                modules:
                  m:
                    prober: dns
                """))));
    }

    private static String error(String key) {
        return assertThrows(BlackboxConfigException.class, () -> BlackboxFile.parse("""
                modules:
                  m:
                    prober: dns
                    dns:
                      query_name: example.test
                      %s
                """.formatted(key))).getMessage();
    }
}
