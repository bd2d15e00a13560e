package io.headprobe.access;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.Cidr;
import io.headprobe.guard.IpLiterals;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling: the API key's fingerprint when one was presented, else the remote address.
 * X-Forwarded-For is read only when the connection comes from a trusted proxy, from the right:
 * the first address not itself a trusted proxy is the client (entries further left are the
 * client's own claims).
 */
@ApplicationScoped
public class Clients {

    private static final String CLIENT = "headprobe.client";
    private static final String KEY = "headprobe.key";

    @Inject
    LimitConfig config;

    private List<Cidr> trustedProxies;

    @PostConstruct
    void readTrustedProxies() {
        trustedProxies = config.trustedProxies().orElse(List.of()).stream().map(Cidr::parse).toList();
    }

    static void authenticated(RoutingContext routing, String keyFingerprint) {
        routing.put(CLIENT, keyFingerprint);
        routing.put(KEY, keyFingerprint);
    }

    /**
     * The fingerprint of the API key this request was let in with; empty when it presented none
     * (no keys are configured, or the route needs none). Unlike {@link #identify}, never an address.
     */
    public static Optional<String> apiKey(RoutingContext routing) {
        return Optional.ofNullable(routing.get(KEY));
    }

    String identify(RoutingContext routing) {
        String known = routing.get(CLIENT);
        if (known != null) {
            return known;
        }
        SocketAddress remote = peer(routing);
        String peer = remote == null ? "unknown" : remote.hostAddress();
        String client = trustedProxies.isEmpty() ? peer
                : clientAddress(peer, routing.request().headers().getAll("X-Forwarded-For"), trustedProxies);
        // Limits and the access log both ask: read X-Forwarded-For once per request.
        routing.put(CLIENT, client);
        return client;
    }

    /**
     * Whether the client's request came over TLS: to us directly, or to a trusted proxy that says so
     * in X-Forwarded-Proto (its rightmost value, the one that proxy wrote).
     */
    public boolean cameOverHttps(RoutingContext routing) {
        HttpConnection connection = routing.request().connection();
        if (connection != null && connection.isSsl()) {
            return true;
        }
        if (trustedProxies.isEmpty()) {
            return false;
        }
        SocketAddress remote = peer(routing);
        if (remote == null || !trusted(remote.hostAddress(), trustedProxies)) {
            return false;
        }
        List<String> protos = routing.request().headers().getAll("X-Forwarded-Proto").stream()
                .flatMap(header -> List.of(header.split(",")).stream()).map(String::strip).toList();
        return !protos.isEmpty() && protos.get(protos.size() - 1).equalsIgnoreCase("https");
    }

    /**
     * The peer of the connection itself. Not the request's {@code remoteAddress()} or {@code isSSL()}:
     * Quarkus' request wrapper answers those through its forwarded-header parser, which builds the
     * host, scheme and absolute URI for every request (2.5 % of the native binary's samples at zero delay,
     * bench/results/profile-native-serving-fp.md); the trusted proxies above are HeadProbe's own rule.
     */
    private static SocketAddress peer(RoutingContext routing) {
        HttpConnection connection = routing.request().connection();
        return connection == null ? null : connection.remoteAddress();
    }

    /** The client behind {@code peer}, given the X-Forwarded-For headers it sent. */
    static String clientAddress(String peer, List<String> forwardedFor, List<Cidr> trustedProxies) {
        if (trustedProxies.isEmpty() || !trusted(peer, trustedProxies)) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedFor.stream().flatMap(header -> List.of(header.split(",")).stream())
                .map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiterals.parse(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get().getHostAddress();
            if (!trusted(client, trustedProxies)) {
                break;
            }
        }
        return client;
    }

    /**
     * What per-client limits count by: an IPv6 client by its /64, since one subscriber usually has
     * a whole /64 to pick addresses from; anything else as it is.
     */
    static String limitKey(String client) {
        if (!client.contains(":") || client.startsWith("key:")) {
            return client;
        }
        Optional<InetAddress> address = IpLiterals.parse(client);
        if (address.isEmpty() || address.get().getAddress().length != 16) {
            return client;
        }
        byte[] prefix = Arrays.copyOf(address.get().getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return IpLiterals.format(prefix) + "/64";
    }

    /** Proxies write "203.0.113.9:5678" and "[2001:db8::1]:443" too. */
    static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static boolean trusted(String address, List<Cidr> trustedProxies) {
        Optional<InetAddress> parsed = IpLiterals.parse(address);
        return parsed.isPresent() && trustedProxies.stream().anyMatch(cidr -> cidr.contains(parsed.get()));
    }
}
