package io.headprobe.blackbox.dns;

import java.net.InetSocketAddress;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.blackbox.TargetAddress;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.ProbeTls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * blackbox_exporter's dns prober (prober/dns.go): the target is a DNS server, {@code host[:port]}
 * (port 53 by default). Its address is found as the tcp prober's ({@link TargetAddress}: resolved,
 * chosen, checked by the guard), and one query goes to the chosen address over UDP, TCP or TLS ({@link Exchange}),
 * all within the probe's timeout, on Vert.x's event loops.
 *
 * <pre>
 * curl 'localhost:8080/probe?module=dns_soa&amp;target=192.0.2.53'
 * </pre>
 */
@ApplicationScoped
public class DnsProber {

    private static final int DNS_PORT = 53;
    private static final int DNS_OVER_TLS_PORT = 853;

    @Inject
    Vertx vertx;

    @Inject
    TargetAddress targets;

    @Inject
    ProbeTls tls;

    public Uni<DnsResult> probe(String target, DnsModule module, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TargetUrl server;
        try {
            server = server(target, module.dnsOverTls() ? DNS_OVER_TLS_PORT : DNS_PORT);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(DnsResult.failed(0, null, 0, 0, 0, "Error resolving address: " + e.getMessage()));
        }
        return targets.choose(server, module.preferredIpProtocol(), module.ipProtocolFallback(), timeout)
                .onItem().transformToUni(chosen -> chosen.address() == null
                        ? Uni.createFrom().item(DnsResult.failed(chosen.dnsSeconds(), null, 0, 0, 0, chosen.error()))
                        : Uni.createFrom().<DnsResult> emitter(emitter -> new Exchange(module, chosen.dnsSeconds(), emitter)
                                .overTls(module.dnsOverTls() ? tls : null, module.serverName() != null ? module.serverName() : server.host())
                                .start(vertx.nettyEventLoopGroup().next(), new InetSocketAddress(chosen.address(), server.port()),
                                        deadline)));
    }

    /**
     * As blackbox: a target Go's net.SplitHostPort splits is host and port, anything else (a name,
     * an IPv4 or a bare IPv6 address) is the host, on port 53 (853 for DNS over TLS).
     */
    static TargetUrl server(String target, int defaultPort) {
        String host = target;
        int port = defaultPort;
        int colon = target.lastIndexOf(':');
        boolean bracketed = target.startsWith("[") && target.indexOf("]:") == colon - 1;
        if (bracketed || colon >= 0 && target.indexOf(':') == colon) {
            String digits = target.substring(colon + 1);
            if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) > 65535) {
                throw new IllegalArgumentException("address " + target + ": invalid port");
            }
            port = Integer.parseInt(digits);
            host = bracketed ? target.substring(1, colon - 1) : target.substring(0, colon);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("lookup " + host + ": no such host");
        }
        return TargetUrl.parse("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }
}
