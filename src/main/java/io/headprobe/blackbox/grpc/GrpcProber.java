package io.headprobe.blackbox.grpc;

import java.net.InetSocketAddress;
import java.time.Duration;

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
 * blackbox_exporter's grpc prober (prober/grpc.go): the standard health check,
 * {@code grpc.health.v1.Health/Check}, over HTTP/2. The target's host is resolved and checked as
 * the tcp prober's ({@link TargetAddress}); the call goes to the chosen address ({@link HealthCall}),
 * all within the probe's timeout, on Vert.x's event loops.
 *
 * <pre>
 * curl 'localhost:8080/probe?module=grpc_plain&amp;target=example.org:50051'
 * </pre>
 */
@ApplicationScoped
public class GrpcProber {

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

    /** What blackbox makes of a target: host, and port as written (empty when there is none). */
    record Target(String host, String port) {

        /**
         * As blackbox: an http:// or https:// prefix is optional (and says nothing about TLS), the
         * host and port are the URL's (Go's net.SplitHostPort, the whole authority as host when it
         * does not split).
         */
        static Target parse(String target) {
            String text = target.strip();
            for (String scheme : new String[] { "http://", "https://" }) {
                if (text.startsWith(scheme)) {
                    text = text.substring(scheme.length());
                }
            }
            int end = text.length();
            for (char c : new char[] { '/', '?', '#' }) {
                int at = text.indexOf(c);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            String authority = text.substring(0, end);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close > 0 && (close == authority.length() - 1 || authority.charAt(close + 1) == ':')) {
                    return new Target(authority.substring(1, close),
                            close == authority.length() - 1 ? "" : authority.substring(close + 2));
                }
            }
            int colon = authority.indexOf(':');
            if (colon >= 0 && colon == authority.lastIndexOf(':')) {
                return new Target(authority.substring(0, colon), authority.substring(colon + 1));
            }
            return new Target(authority, "");
        }

        /** The port dialled: the target's, else 443 with TLS and 80 without; -1 when it is no port. */
        int port(boolean tls) {
            if (port.isEmpty()) {
                return tls ? 443 : 80;
            }
            return port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65535 ? Integer.parseInt(port) : -1;
        }

        /** host:port, as grpc-go sends it in :authority. */
        String authority(boolean tls) {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + (port.isEmpty() ? port(tls) : port);
        }
    }

    public Uni<GrpcResult> probe(String target, GrpcModule module, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Target parsed = Target.parse(target);
        TargetUrl url;
        try {
            url = TargetUrl.parse("http://" + (parsed.host().contains(":") ? "[" + parsed.host() + "]" : parsed.host()) + "/");
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(GrpcResult.notCalled(0.0, "Error resolving address: " + e.getMessage()));
        }
        return targets.choose(url, module.preferredIpProtocol(), module.ipProtocolFallback(), timeout)
                .onItem().transformToUni(chosen -> {
                    if (chosen.address() == null) {
                        return Uni.createFrom().item(GrpcResult.notCalled(chosen.dnsSeconds(), chosen.error()));
                    }
                    HealthCall.Peer peer = new HealthCall.Peer(parsed.authority(module.tls()),
                            module.serverName() != null ? module.serverName() : parsed.host(), parsed.port(module.tls()),
                            chosen.dnsSeconds(), NetUtil.toAddressString(chosen.address()));
                    return call(peer, new InetSocketAddress(chosen.address(), Math.max(0, peer.port())), module, deadline);
                });
    }

    private Uni<GrpcResult> call(HealthCall.Peer peer, InetSocketAddress address, GrpcModule module, long deadline) {
        long checkStart = System.nanoTime();
        if (peer.port() < 0) {
            return Uni.createFrom().item(new GrpcResult(peer.dnsSeconds(), peer.address(), 0.0, HealthWire.UNAVAILABLE, null,
                    null, "msg=\"invalid port in " + peer.authority() + "\"\n"));
        }
        return Uni.createFrom().emitter(emitter -> ProbeBootstrap.connect(bootstrap, vertx, address, null, deadline, emitter,
                cause -> new GrpcResult(peer.dnsSeconds(), peer.address(), (System.nanoTime() - checkStart) / 1e9,
                        System.nanoTime() - deadline >= 0 ? HealthWire.DEADLINE_EXCEEDED : HealthWire.UNAVAILABLE, null, null,
                        "msg=\"connection error: " + String.valueOf(cause.getMessage()).replace("\"", "'") + "\"\n"),
                channel -> new HealthCall(module, tls, peer, checkStart, emitter).start(channel, deadline)));
    }
}
