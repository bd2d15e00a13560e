package io.headprobe.blackbox.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.headprobe.probe.CaFile;

/**
 * One blackbox_exporter module with {@code prober: dns}. Names and defaults are blackbox's.
 *
 * @param timeout {@link Duration#ZERO} when the module sets none: the scrape's timeout decides
 * @param preferredIpProtocol "ip4" or "ip6" (blackbox's default is ip6), for the DNS server's address
 * @param queryType the type's number (blackbox's default is ANY, 255)
 * @param queryClass the class's number (IN, 1, by default)
 * @param tcp whether the query goes over TCP (transport_protocol: tcp) instead of UDP
 * @param validRcodes the response codes that pass (NOERROR, 0, by default)
 * @param dnsOverTls whether the TCP connection starts with a TLS handshake (RFC 7858)
 * @param serverName tls_config.server_name: the name checked and sent as SNI; null for the target's host
 * @param sourceIpAddress source_ip_address: the local address queries leave from; null for the system's choice
 */
public record DnsModule(
        String name,
        Duration timeout,
        String preferredIpProtocol,
        boolean ipProtocolFallback,
        String queryName,
        int queryType,
        int queryClass,
        boolean tcp,
        boolean recursionDesired,
        Set<Integer> validRcodes,
        RrValidator answer,
        RrValidator authority,
        RrValidator additional,
        boolean dnsOverTls,
        boolean insecureSkipVerify,
        String serverName,
        Optional<CaFile> caFile,
        InetAddress sourceIpAddress) {

    /** SOA's type number: blackbox writes probe_dns_serial for SOA queries only. */
    static final int SOA = 6;

    public DnsModule {
        validRcodes = Set.copyOf(validRcodes);
    }
}
