package io.headprobe.blackbox.tcp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.headprobe.probe.CaFile;
import io.headprobe.probe.ClientCertificate;

/**
 * One blackbox_exporter module with {@code prober: tcp}. Names and defaults are blackbox's.
 *
 * @param timeout {@link Duration#ZERO} when the module sets none: the scrape's timeout decides
 * @param preferredIpProtocol "ip4" or "ip6" (blackbox's default is ip6)
 * @param tls whether the connection starts with a TLS handshake
 * @param serverName tls_config.server_name: the name checked and sent as SNI; null for the target's host
 * @param clientCertificate tls_config cert(_file) and key(_file), shown when the server asks; null for none
 * @param sourceIpAddress source_ip_address: the local address connections are made from; null for the system's choice
 */
public record TcpModule(
        String name,
        Duration timeout,
        String preferredIpProtocol,
        boolean ipProtocolFallback,
        List<QueryStep> queryResponse,
        boolean tls,
        boolean insecureSkipVerify,
        String serverName,
        Optional<CaFile> caFile,
        ClientCertificate clientCertificate,
        InetAddress sourceIpAddress) {

    public TcpModule {
        queryResponse = List.copyOf(queryResponse);
    }

    /** Whether a step reads bytes: blackbox's probe_failed_due_to_bytes is written then. */
    public boolean expectsBytes() {
        return queryResponse.stream().anyMatch(step -> step.expectBytes() != null);
    }
}
