package io.headprobe.blackbox.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.blackbox.TargetAddress;
import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.ProbeBootstrap;
import io.headprobe.probe.ProbeTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * blackbox_exporter's tcp prober (prober/tcp.go): resolves the target's host with HeadProbe's
 * resolver, lets the address guard check what it resolved to, connects to the chosen address
 * (optionally with TLS) and runs the module's query_response steps, all within the probe's
 * timeout, on Vert.x's event loops.
 *
 * <pre>
 * curl 'localhost:8080/probe?module=ssh_banner&amp;target=example.org:22'
 * </pre>
 */
@ApplicationScoped
public class TcpProber {

    @Inject
    Vertx vertx;

    @Inject
    TargetAddress targets;

    @Inject
    ProbeTls tls;

    private Bootstrap bootstrap;

    @PostConstruct
    void start() {
        bootstrap = ProbeBootstrap.of(vertx);
    }

    public Uni<TcpResult> probe(String target, TcpModule module, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TargetUrl url;
        try {
            url = hostAndPort(target);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(TcpResult.failed(null, null, "Error splitting target address and port: " + e.getMessage()));
        }
        return targets.choose(url, module.preferredIpProtocol(), module.ipProtocolFallback(), timeout)
                .onItem().transformToUni(chosen -> {
                    if (chosen.address() == null) {
                        return Uni.createFrom().item(TcpResult.failed(chosen.dnsSeconds(), null, chosen.error()));
                    }
                    String serverName = module.serverName() != null ? module.serverName() : url.host();
                    return converse(new Conversation.Peer(serverName, url.port(), chosen.dnsSeconds(),
                            NetUtil.toAddressString(chosen.address())), chosen.address(), module, deadline);
                });
    }

    private Uni<TcpResult> converse(Conversation.Peer peer, InetAddress address, TcpModule module, long deadline) {
        return Uni.createFrom().emitter(emitter -> ProbeBootstrap.connect(bootstrap, vertx,
                new InetSocketAddress(address, peer.port()), module.sourceIpAddress(), deadline, emitter,
                cause -> TcpResult.failed(peer.dnsSeconds(), peer.address(), "Error dialing TCP: " + cause.getMessage()),
                channel -> new Conversation(module, tls, peer, emitter).start(channel, deadline)));
    }

    /**
     * blackbox's choice (chooseProtocol): the first address of the preferred family, else, when
     * falling back is allowed, the first of the other.
     */
    static InetAddress choose(List<InetAddress> addresses, TcpModule module) {
        return TargetAddress.choose(addresses, module.preferredIpProtocol(), module.ipProtocolFallback());
    }

    /** blackbox's target for tcp is host:port (Go's net.SplitHostPort): an IPv6 address in brackets, a port always. */
    static TargetUrl hostAndPort(String target) {
        String text = target.strip();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + text + ": missing port in address");
        }
        String host = text.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (!bracketed && host.contains(":") || host.contains("/") || host.contains("@") || host.isEmpty()) {
            throw new IllegalArgumentException("address " + text + ": not a host:port");
        }
        String port = text.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("address " + text + ": invalid port");
        }
        return TargetUrl.parse("http://" + host + ":" + port + "/");
    }
}
