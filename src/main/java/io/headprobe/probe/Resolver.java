package io.headprobe.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.headprobe.guard.TargetUrl;
import io.headprobe.probe.AnswerCache.Answer;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.HostsFileEntriesProvider;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Resolves host names without blocking a thread: the hosts file, then A and AAAA queries to one
 * DNS server, answers kept for their TTL ({@link AnswerCache}). Netty's DNS client sends the
 * queries and asks again over TCP when a UDP answer is truncated; the answers are read here, to tell
 * a name that does not exist from a server that failed, and to keep each for its own TTL. Not
 * Vert.x's address resolver, because Quarkus replaces that with the JDK's blocking lookup in native
 * executables (and by default in the JVM too).
 */
@ApplicationScoped
public class Resolver {

    /** DNS says the name does not exist (NXDOMAIN), as opposed to failing to answer. */
    public static final class NoSuchNameException extends UnknownHostException {
        NoSuchNameException(String message) {
            super(message);
        }
    }

    /**
     * @param maxEntries names the cache keeps at most; 0 keeps none
     * @param maxTtl the longest an answer is kept, whatever its TTL
     * @param maxNegativeTtl the longest a name that does not exist (or has no address) is remembered
     */
    record Limits(Duration queryTimeout, int maxEntries, Duration maxTtl, Duration maxNegativeTtl) {
    }

    /** What one query (A or AAAA) brought: addresses, or a response code, or a failure to answer. */
    private record Reply(DnsResponseCode code, List<InetAddress> addresses, Duration ttl, String failure) {

        boolean is(DnsResponseCode expected) {
            return expected.equals(code);
        }
    }

    private static final Logger LOG = Logger.getLogger(Resolver.class);
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private final Map<String, List<InetAddress>> hosts;
    private final InetSocketAddress server;
    private final EventLoop dnsLoop;
    /** Made on the first name to look up: a literal or a hosts-file name never needs its UDP channel. */
    private DnsNameResolver dns;
    private final AnswerCache cache;
    private final Limits limits;

    @Inject
    public Resolver(Vertx vertx, DnsConfig config) {
        this(vertx, readHosts(Path.of(config.hostsFile())),
                config.server().orElseGet(() -> NameServer.fromResolvConf(RESOLV_CONF)),
                new Limits(config.queryTimeout(), config.cacheMaxEntries(), config.cacheMaxTtl(),
                        config.cacheMaxNegativeTtl()),
                System::nanoTime);
    }

    Resolver(Vertx vertx, Map<String, List<InetAddress>> hosts, NameServer server, Limits limits, LongSupplier nanoTime) {
        this.hosts = hosts;
        this.server = server.address();
        this.limits = limits;
        this.cache = new AnswerCache(limits.maxEntries(), nanoTime);
        this.dnsLoop = vertx.nettyEventLoopGroup().next();
    }

    private synchronized DnsNameResolver dns() {
        if (dns == null) {
            // Netty's own caches stay off: answers are cached here, by name, bounded. Its NIO channels
            // run on a Vert.x event loop, as HeadFetcher's do.
            dns = new DnsNameResolverBuilder(dnsLoop)
                    .datagramChannelType(NioDatagramChannel.class)
                    .socketChannelType(NioSocketChannel.class)
                    .nameServerProvider(new SingletonDnsServerAddressStreamProvider(server))
                    .queryTimeoutMillis(limits.queryTimeout().toMillis())
                    .recursionDesired(true)
                    .resolveCache(NoopDnsCache.INSTANCE)
                    .cnameCache(NoopDnsCnameCache.INSTANCE)
                    .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                    .searchDomains(List.of())
                    .ndots(1)
                    .build();
        }
        return dns;
    }

    @PreDestroy
    synchronized void close() {
        if (dns != null) {
            dns.close();
        }
    }

    /**
     * Every address the host stands for: a literal as it is; a name from the hosts file when it is
     * there, else its A answers followed by its AAAA answers. Fails with UnknownHostException when a
     * name has no address at all: {@link NoSuchNameException} when DNS says it does not exist.
     */
    public Uni<List<InetAddress>> resolve(TargetUrl url) {
        if (url.literal().isPresent()) {
            return Uni.createFrom().item(List.of(url.literal().get()));
        }
        // "example.org." and "example.org" are one name; the hosts file has no trailing dots.
        String host = url.host().toLowerCase(Locale.ROOT);
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        List<InetAddress> known = hosts.get(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom().completionStage(() -> cache.get(name, this::lookup))
                .onItem().transformToUni(answer -> answer.addresses().isEmpty()
                        ? Uni.createFrom().failure(failure(name, answer))
                        : Uni.createFrom().item(answer.addresses()));
    }

    /** A fresh exception for each caller: a cached one would collect every caller's suppressed ones. */
    private static UnknownHostException failure(String name, Answer answer) {
        String message = name + " (" + answer.failure() + ")";
        return answer.noSuchName() ? new NoSuchNameException(message) : new UnknownHostException(message);
    }

    private CompletionStage<Answer> lookup(String name) {
        return query(name, DnsRecordType.A).thenCombine(query(name, DnsRecordType.AAAA), this::answer);
    }

    /**
     * Addresses when either query found some, kept for the shorter TTL. Else a name that does not exist
     * or has neither kind of address is remembered as long as the SOA says (RFC 2308); a server that
     * failed or did not answer is not remembered at all.
     */
    private Answer answer(Reply v4, Reply v6) {
        List<Reply> found = Stream.of(v4, v6).filter(reply -> !reply.addresses().isEmpty()).toList();
        if (!found.isEmpty()) {
            return Answer.of(found.stream().flatMap(reply -> reply.addresses().stream()).toList(),
                    shortest(found, limits.maxTtl()));
        }
        List<Reply> missing = Stream.of(v4, v6).filter(reply -> reply.is(DnsResponseCode.NXDOMAIN)).toList();
        if (!missing.isEmpty()) {
            return Answer.failed(true, "no such name", shortest(missing, limits.maxNegativeTtl()));
        }
        if (v4.is(DnsResponseCode.NOERROR) && v6.is(DnsResponseCode.NOERROR)) {
            return Answer.failed(false, "no A or AAAA record", shortest(List.of(v4, v6), limits.maxNegativeTtl()));
        }
        String why = Stream.of(v4, v6).map(Reply::failure).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(", "));
        return Answer.failed(false, why, Duration.ZERO);
    }

    private static Duration shortest(List<Reply> replies, Duration limit) {
        return replies.stream().map(Reply::ttl).reduce(limit, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** Never fails: what went wrong is in the reply. */
    private CompletableFuture<Reply> query(String name, DnsRecordType type) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        dns().query(server, new DefaultDnsQuestion(name, type)).addListener(done -> {
            if (!done.isSuccess()) {
                reply.complete(new Reply(null, List.of(), Duration.ZERO, describe(done.cause())));
                return;
            }
            @SuppressWarnings("unchecked")
            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = (AddressedEnvelope<DnsResponse, InetSocketAddress>) done.getNow();
            try {
                reply.complete(read(envelope.content(), type));
            } catch (RuntimeException e) {
                reply.complete(new Reply(null, List.of(), Duration.ZERO, describe(e)));
            } finally {
                envelope.release();
            }
        });
        return reply;
    }

    /**
     * The answer's addresses of the type asked for, and their shortest TTL. Records are not matched by
     * name: a recursive server's CNAME chain ends in records of another name. Without addresses, the
     * TTL is the negative one of the SOA in the authority section (the lesser of its TTL and its
     * MINIMUM), zero when there is none.
     */
    private static Reply read(DnsResponse response, DnsRecordType type) {
        DnsResponseCode code = response.code();
        if (!code.equals(DnsResponseCode.NOERROR) && !code.equals(DnsResponseCode.NXDOMAIN)) {
            // Netty writes ServFail(2): the RFC's mnemonic, SERVFAIL, reads better in a message.
            return new Reply(code, List.of(), Duration.ZERO, code.toString().replaceAll("\\(.*", "").toUpperCase(Locale.ROOT));
        }
        int length = type.equals(DnsRecordType.A) ? 4 : 16;
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            if (record.type().equals(type) && record instanceof DnsRawRecord raw && raw.content().readableBytes() == length) {
                byte[] bytes = new byte[length];
                raw.content().getBytes(raw.content().readerIndex(), bytes);
                addresses.add(byAddress(bytes));
                ttl = Math.min(ttl, record.timeToLive());
            }
        }
        if (addresses.isEmpty()) {
            ttl = negativeTtl(response);
        }
        return new Reply(code, List.copyOf(addresses), Duration.ofSeconds(ttl), null);
    }

    private static long negativeTtl(DnsResponse response) {
        for (int i = 0; i < response.count(DnsSection.AUTHORITY); i++) {
            DnsRecord record = response.recordAt(DnsSection.AUTHORITY, i);
            // MINIMUM is the last of the SOA's five 32-bit numbers, which end its data; read from the end,
            // as the two names before them may be compressed (pointers into the whole message).
            if (record.type().equals(DnsRecordType.SOA) && record instanceof DnsRawRecord raw
                    && raw.content().readableBytes() >= 22) {
                return Math.min(record.timeToLive(), raw.content().getUnsignedInt(raw.content().writerIndex() - 4));
            }
        }
        return 0;
    }

    private String describe(Throwable failure) {
        if (failure instanceof DnsNameResolverTimeoutException) {
            return "no answer within " + limits.queryTimeout().toMillis() + " ms";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
