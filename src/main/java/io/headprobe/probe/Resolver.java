package io.headprobe.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.guard.TargetUrl;
import io.netty.resolver.HostsFileEntriesProvider;
import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;

/**
 * Resolves host names without blocking a thread: the hosts file, then A and AAAA queries with
 * Vert.x's DNS client. Not Vert.x's address resolver, because Quarkus replaces that with the
 * JDK's blocking lookup in native executables (and by default in the JVM too).
 */
@ApplicationScoped
public class Resolver {

    private static final Logger LOG = Logger.getLogger(Resolver.class);
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private final Map<String, List<InetAddress>> hosts;
    private final DnsClient dns;

    @Inject
    Resolver(Vertx vertx, DnsConfig config) {
        this(vertx, readHosts(Path.of(config.hostsFile())),
                config.server().orElseGet(() -> NameServer.fromResolvConf(RESOLV_CONF)), config.queryTimeout());
    }

    Resolver(Vertx vertx, Map<String, List<InetAddress>> hosts, NameServer server, Duration queryTimeout) {
        this.hosts = hosts;
        this.dns = vertx.createDnsClient(new DnsClientOptions()
                .setHost(server.host())
                .setPort(server.port())
                .setQueryTimeout(queryTimeout.toMillis())
                .setRecursionDesired(true));
    }

    /**
     * Every address the host stands for: a literal as it is; a name from the hosts file when it is
     * there, else its A answers followed by its AAAA answers. Fails with UnknownHostException when a
     * name has no address at all.
     */
    public Uni<List<InetAddress>> resolve(TargetUrl url) {
        if (url.literal().isPresent()) {
            return Uni.createFrom().item(List.of(url.literal().get()));
        }
        // "example.org." and "example.org" are one name; the hosts file has no trailing dots.
        String name = url.host().endsWith(".") ? url.host().substring(0, url.host().length() - 1) : url.host();
        List<InetAddress> known = hosts.get(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Uni<List<String>> v4 = query(() -> dns.resolveA(name));
        Uni<List<String>> v6 = query(() -> dns.resolveAAAA(name));
        return Uni.combine().all().unis(v4, v6).asTuple()
                .onItem().transformToUni(both -> {
                    List<InetAddress> addresses = Stream.concat(both.getItem1().stream(), both.getItem2().stream())
                            .map(NetUtil::createInetAddressFromIpAddressString).filter(Objects::nonNull).toList();
                    return addresses.isEmpty()
                            ? Uni.createFrom().failure(new UnknownHostException(name))
                            : Uni.createFrom().item(addresses);
                });
    }

    /** A failed query (NXDOMAIN, no answer, unreachable server) just contributes no address. */
    private static Uni<List<String>> query(Supplier<Future<List<String>>> query) {
        return Uni.createFrom().completionStage(() -> query.get().toCompletionStage())
                .onFailure().recoverWithItem(List.of());
    }

    /**
     * The hosts file as Netty reads it: lower-case name to its IPv4 addresses, then its IPv6 ones,
     * each in file order. A file that can't be read leaves every name to DNS.
     */
    static Map<String, List<InetAddress>> readHosts(Path file) {
        HostsFileEntriesProvider entries;
        try {
            if (!Files.isReadable(file)) {
                throw new IOException("no readable file");
            }
            entries = HostsFileEntriesProvider.parser().parse(file.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("hosts file %s not readable (%s); resolving every name with DNS", file, e.getMessage());
            return Map.of();
        }
        Map<String, List<InetAddress>> hosts = new HashMap<>();
        for (Map<String, List<InetAddress>> family : List.of(entries.ipv4Entries(), entries.ipv6Entries())) {
            family.forEach((name, addresses) -> hosts.computeIfAbsent(name, n -> new ArrayList<>()).addAll(addresses));
        }
        hosts.replaceAll((name, addresses) -> List.copyOf(addresses));
        return Map.copyOf(hosts);
    }
}
