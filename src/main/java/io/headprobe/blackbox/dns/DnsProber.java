package io.headprobe.blackbox.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.blackbox.AddressChoice;
import io.headprobe.guard.AddressGuard;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.Resolver;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * blackbox_exporter's dns prober (prober/dns.go): the target is a DNS server, {@code host[:port]}
 * (port 53 by default). Its name is resolved with HeadProbe's resolver, the address guard checks
 * what it resolved to, and one query goes to the chosen address over UDP or TCP ({@link Exchange}),
 * all within the probe's timeout, on Vert.x's event loops.
 *
 * <pre>
 * curl 'localhost:8080/probe?module=dns_soa&amp;target=192.0.2.53'
 * </pre>
 */
@ApplicationScoped
public class DnsProber {

    private static final int DNS_PORT = 53;

    @Inject
    Vertx vertx;

    @Inject
    Resolver resolver;

    @Inject
    AddressGuard guard;

    public Uni<DnsResult> probe(String target, DnsModule module, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TargetUrl server;
        try {
            server = server(target);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(DnsResult.failed(0, null, 0, 0, 0, "Error resolving address: " + e.getMessage()));
        }
        long resolving = System.nanoTime();
        return resolver.resolve(server)
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((addresses, failure) -> {
                    double dnsSeconds = (System.nanoTime() - resolving) / 1e9;
                    if (failure != null) {
                        return failed(dnsSeconds, "Error resolving address: "
                                + (failure.getMessage() == null ? "no answer in time" : failure.getMessage()));
                    }
                    InetAddress chosen = AddressChoice.choose(addresses, module.preferredIpProtocol(), module.ipProtocolFallback());
                    if (chosen == null) {
                        return failed(dnsSeconds, "no address of the " + module.preferredIpProtocol() + " family, and no fallback");
                    }
                    // As the other probers: every address the name stands for must be allowed, a mixed answer is refused whole.
                    for (InetAddress address : addresses) {
                        if (!guard.allows(address)) {
                            return failed(dnsSeconds, server.host() + " resolves to " + NetUtil.toAddressString(address)
                                    + ", which is not a public address");
                        }
                    }
                    return Uni.createFrom().<DnsResult> emitter(emitter -> new Exchange(module, dnsSeconds, emitter)
                            .start(vertx.nettyEventLoopGroup().next(), new InetSocketAddress(chosen, server.port()), deadline));
                });
    }

    private static Uni<DnsResult> failed(double dnsSeconds, String log) {
        return Uni.createFrom().item(DnsResult.failed(dnsSeconds, null, 0, 0, 0, log));
    }

    /**
     * As blackbox: a target Go's net.SplitHostPort splits is host and port, anything else (a name,
     * an IPv4 or a bare IPv6 address) is the host, on port 53.
     */
    static TargetUrl server(String target) {
        String host = target;
        int port = DNS_PORT;
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
