package io.headprobe.testing;

import java.util.List;
import java.util.Map;

import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;

/**
 * The DNS server the dns prober's tests query: a.test (A 192.0.2.1, AAAA 2001:db8::1), zone.test's
 * SOA (serial 2026120601), mx.test with a record in every section (MX, NS, an A and a TXT with
 * quotes in it), nx.test unknown, silent.test never answered and garbled.test answered with garbage.
 */
public final class DnsZone {

    public static final long SERIAL = 2026120601L;

    /**
     * blackbox.yml modules that query this zone, which Debian's blackbox 0.23 reads too (it has no
     * recursion_desired): every section, each validator, rcodes, tcp.
     */
    public static final String MODULES = """
              dns_a:
                prober: dns
                dns:
                  query_name: a.test
                  query_type: A
                  validate_answer_rrs:
                    fail_if_not_matches_regexp: ["^a\\\\.test\\\\.\\t60\\tIN\\tA\\t192\\\\.0\\\\.2\\\\.1$"]
              dns_a_tcp:
                prober: dns
                dns:
                  query_name: a.test
                  query_type: A
                  transport_protocol: tcp
              dns_any:
                prober: dns
                dns:
                  query_name: a.test
              dns_soa:
                prober: dns
                dns:
                  query_name: zone.test
                  query_type: SOA
                  validate_answer_rrs:
                    fail_if_none_matches_regexp: ["SOA\\tns\\\\.test\\\\. hostmaster\\\\.test\\\\. 2026120601 3600 600 86400 10$"]
              dns_mx:
                prober: dns
                dns:
                  query_name: mx.test
                  query_type: MX
                  validate_answer_rrs:
                    fail_if_all_match_regexp: ["\\tMX\\t10 mail\\\\.test\\\\.$"]
                  validate_authority_rrs:
                    fail_if_not_matches_regexp: ["^test\\\\.\\t300\\tIN\\tNS\\tns\\\\.test\\\\.$"]
                  validate_additional_rrs:
                    fail_if_none_matches_regexp: ["TXT\\t\\"v=spf1 \\\\\\\\\\"quoted\\\\\\\\\\"\\" \\"two\\"$"]
              dns_mx_all_a:
                prober: dns
                dns:
                  query_name: mx.test
                  query_type: MX
                  validate_additional_rrs:
                    fail_if_all_match_regexp: ["\\tA\\t"]
              dns_mx_no_ns_address:
                prober: dns
                dns:
                  query_name: mx.test
                  query_type: MX
                  validate_additional_rrs:
                    fail_if_matches_regexp: ["192\\\\.0\\\\.2\\\\.53"]
              dns_nx:
                prober: dns
                dns:
                  query_name: nx.test
                  valid_rcodes: [NXDOMAIN, SERVFAIL]
              dns_nx_default:
                prober: dns
                dns:
                  query_name: nx.test
              dns_silent:
                prober: dns
                dns:
                  query_name: silent.test
                  query_type: A
              dns_garbled:
                prober: dns
                dns:
                  query_name: garbled.test
                  query_type: A
            """;

    private DnsZone() {
    }

    public static DnsServer start() {
        return new DnsServer(Map.of("a.test", List.of("192.0.2.1", "2001:db8::1")))
                .respond("zone.test", new DnsServer.Record(DnsSection.ANSWER, "zone.test.", DnsRecordType.SOA, 300,
                        DnsServer.soaData(SERIAL)))
                .respond("mx.test",
                        new DnsServer.Record(DnsSection.ANSWER, "mx.test.", DnsRecordType.MX, 300,
                                new byte[] { 0, 10, 4, 'm', 'a', 'i', 'l', 4, 't', 'e', 's', 't', 0 }),
                        new DnsServer.Record(DnsSection.AUTHORITY, "test.", DnsRecordType.NS, 300, DnsServer.name("ns.test")),
                        new DnsServer.Record(DnsSection.ADDITIONAL, "ns.test.", DnsRecordType.A, 300,
                                new byte[] { (byte) 192, 0, 2, 53 }),
                        new DnsServer.Record(DnsSection.ADDITIONAL, "mail.test.", DnsRecordType.TXT, 300,
                                DnsServer.txtData("v=spf1 \"quoted\"", "two")))
                .ignore("silent.test")
                .garble("garbled.test");
    }
}
