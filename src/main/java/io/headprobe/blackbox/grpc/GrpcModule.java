package io.headprobe.blackbox.grpc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.headprobe.http.Header;
import io.headprobe.probe.CaFile;

/**
 * One blackbox_exporter module with {@code prober: grpc}. Names and defaults are blackbox's.
 *
 * @param timeout {@link Duration#ZERO} when the module sets none: the scrape's timeout decides
 * @param service the service named in the health check; empty for the server as a whole
 * @param tls whether the connection starts with a TLS handshake (ALPN h2); else h2c with prior knowledge
 * @param serverName tls_config.server_name: the name checked and sent as SNI; null for the target's host
 * @param preferredIpProtocol "ip4" or "ip6" (blackbox's default is ip6)
 * @param metadata request headers (metadata), names in lower case, in the file's order
 */
public record GrpcModule(
        String name,
        Duration timeout,
        String service,
        boolean tls,
        boolean insecureSkipVerify,
        String serverName,
        Optional<CaFile> caFile,
        String preferredIpProtocol,
        boolean ipProtocolFallback,
        List<Header> metadata) {

    public GrpcModule {
        metadata = List.copyOf(metadata);
    }

    /** As a record writes it, but metadata values masked: they often carry a token, and debug=true shows the module. */
    @Override
    public String toString() {
        return "GrpcModule[name=" + name + ", timeout=" + timeout + ", service=" + service + ", tls=" + tls
                + ", insecureSkipVerify=" + insecureSkipVerify + ", serverName=" + serverName + ", caFile=" + caFile
                + ", preferredIpProtocol=" + preferredIpProtocol + ", ipProtocolFallback=" + ipProtocolFallback
                + ", metadata=" + metadata.stream().map(header -> header.name() + ": <secret>").toList() + "]";
    }
}
