package io.headprobe.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.guard.IpLiterals;
import io.headprobe.guard.TargetUrl;
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

    @Inject
    Vertx vertx;

    @Inject
    DnsConfig config;

    private Map<String, List<InetAddress>> hosts;
    private DnsClient dns;

    @PostConstruct
    void start() {
        hosts = readHosts(Path.of(config.hostsFile()));
        String server = config.server().or(Resolver::systemNameserver).orElse("127.0.0.1");
        int colon = server.lastIndexOf(':');
        boolean hasPort = colon > 0 && !server.endsWith("]") && server.indexOf(':') == colon;
        dns = vertx.createDnsClient(new DnsClientOptions()
                .setHost(hasPort ? server.substring(0, colon) : server)
                .setPort(hasPort ? Integer.parseInt(server.substring(colon + 1)) : 53)
                .setQueryTimeout(config.queryTimeout().toMillis())
                .setRecursionDesired(true));
    }

    public Uni<List<InetAddress>> resolve(TargetUrl url) {
        if (url.literal().isPresent()) {
            return Uni.createFrom().item(List.of(url.literal().get()));
        }
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
                            .map(IpLiterals::parse).flatMap(Optional::stream).toList();
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

    static Map<String, List<InetAddress>> readHosts(Path file) {
        Map<String, List<InetAddress>> hosts = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            LOG.warnf("hosts file %s not readable (%s); resolving every name with DNS", file, e.getMessage());
            return hosts;
        }
        for (String line : lines) {
            String[] words = line.replaceFirst("#.*", "").strip().split("\\s+");
            Optional<InetAddress> address = words.length > 1 ? IpLiterals.parse(words[0]) : Optional.empty();
            for (int i = 1; i < words.length && address.isPresent(); i++) {
                hosts.computeIfAbsent(words[i].toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(address.get());
            }
        }
        hosts.replaceAll((name, addresses) -> List.copyOf(addresses));
        return hosts;
    }

    private static Optional<String> systemNameserver() {
        try (Stream<String> lines = Files.lines(Path.of("/etc/resolv.conf"))) {
            return lines.map(String::strip).filter(l -> l.startsWith("nameserver"))
                    .map(l -> l.substring("nameserver".length()).strip()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
