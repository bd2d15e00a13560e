package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.headprobe.guard.TargetUrl;
import io.headprobe.testing.DnsServer;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.util.NetUtil;
import io.vertx.core.Vertx;

/**
 * What the resolver remembers, counted at a real DNS server on 127.0.0.1 ({@link DnsServer}): answers
 * for their TTL, names that do not exist for the SOA's negative TTL, failures not at all. The
 * resolver's clock is the test's, so a TTL passes without waiting for it.
 */
class ResolverCacheTest {

    static final Duration MAX_TTL = Duration.ofHours(1);
    static final Duration NEGATIVE_TTL_CAP = Duration.ofMinutes(5);

    static Vertx vertx;
    static DnsServer dns;
    final AtomicLong nanos = new AtomicLong();
    Resolver resolver;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        dns = new DnsServer(Map.of(
                "cached.test", List.of("192.0.2.1", "2001:db8::1"),
                "expires.test", List.of("192.0.2.2"),
                "one.test", List.of("192.0.2.11"),
                "two.test", List.of("192.0.2.12"),
                "three.test", List.of("192.0.2.13"),
                "servfail.test", List.of("192.0.2.3"),
                "silent.test", List.of("192.0.2.4"),
                "big.test", List.of("192.0.2.5", "2001:db8::5"),
                "shared.test", List.of("192.0.2.6")))
                .failWith("servfail.test", DnsResponseCode.SERVFAIL)
                .ignore("silent.test")
                .truncateOverUdp("big.test");
    }

    @AfterAll
    static void stop() {
        dns.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void newResolver() {
        resolver = resolver(100);
    }

    @Test
    void twoResolutionsWithinTheTtlAskOnce() {
        int before = dns.queries("cached.test");

        List<InetAddress> first = resolve("cached.test");
        nanos.addAndGet(Duration.ofSeconds(DnsServer.TTL - 1).toNanos());
        List<InetAddress> second = resolve("Cached.Test.");

        assertEquals(addresses("192.0.2.1", "2001:db8::1"), first);
        assertEquals(first, second);
        assertEquals(before + 2, dns.queries("cached.test"), "one A and one AAAA query, then none");
    }

    @Test
    void resolutionsWhileTheQueryIsOutShareItsAnswer() throws Exception {
        dns.hold("shared.test");
        CompletableFuture<List<InetAddress>> first = resolver.resolve(TargetUrl.parse("http://shared.test/"))
                .subscribeAsCompletionStage();
        CompletableFuture<List<InetAddress>> second = resolver.resolve(TargetUrl.parse("http://shared.test:8080/"))
                .subscribeAsCompletionStage();
        dns.release("shared.test");

        assertEquals(addresses("192.0.2.6"), first.get(10, TimeUnit.SECONDS));
        assertEquals(addresses("192.0.2.6"), second.get(10, TimeUnit.SECONDS));
        assertEquals(2, dns.queries("shared.test"), "one A and one AAAA query for both");
    }

    @Test
    void afterTheTtlTheNameIsAskedAgain() {
        int before = dns.queries("expires.test");

        resolve("expires.test");
        nanos.addAndGet(Duration.ofSeconds(DnsServer.TTL + 1).toNanos());
        resolve("expires.test");

        assertEquals(before + 4, dns.queries("expires.test"));
    }

    @Test
    void aNameThatDoesNotExistIsDnsNxdomainAndRememberedForTheNegativeTtl() {
        int before = dns.queries("nowhere.test");

        assertEquals(ErrorCode.DNS_NXDOMAIN, failure("nowhere.test").code());
        assertEquals(ErrorCode.DNS_NXDOMAIN, failure("nowhere.test").code());
        assertEquals(before + 2, dns.queries("nowhere.test"), "the second answer came from the cache");

        nanos.addAndGet(Duration.ofSeconds(DnsServer.NEGATIVE_TTL + 1).toNanos());
        assertEquals(ErrorCode.DNS_NXDOMAIN, failure("nowhere.test").code());
        assertEquals(before + 4, dns.queries("nowhere.test"), "the SOA's negative TTL passed");
    }

    @Test
    void servfailIsDnsFailureAndNotRemembered() {
        int before = dns.queries("servfail.test");

        ProbeResult.Error error = failure("servfail.test");
        assertEquals(ErrorCode.DNS_FAILURE, error.code());
        assertEquals("could not resolve servfail.test (SERVFAIL)", error.message());
        assertEquals(ErrorCode.DNS_FAILURE, failure("servfail.test").code());
        assertEquals(before + 4, dns.queries("servfail.test"), "asked again: a failure is not an answer");
    }

    @Test
    void noAnswerIsDnsFailure() {
        Resolver impatient = new Resolver(vertx, Map.of(), NameServer.parse(dns.address()),
                new Resolver.Limits(Duration.ofMillis(200), 100, MAX_TTL, NEGATIVE_TTL_CAP), nanos::get);

        Throwable failure = assertThrows(RuntimeException.class,
                () -> impatient.resolve(TargetUrl.parse("http://silent.test/")).await().atMost(Duration.ofSeconds(10)));

        assertEquals(ErrorCode.DNS_FAILURE, Failures.classify(failure).code());
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() {
        assertEquals(addresses("192.0.2.5", "2001:db8::5"), resolve("big.test"));
        assertEquals(2, dns.tcpQueries("big.test"), "A and AAAA over TCP after truncated UDP answers");
    }

    @Test
    void theCacheKeepsAtMostItsMaximumNumberOfNames() {
        Resolver small = resolver(2);
        int before = dns.queries("one.test");

        for (String name : List.of("one.test", "two.test", "three.test", "one.test")) {
            small.resolve(TargetUrl.parse("http://" + name + "/")).await().atMost(Duration.ofSeconds(10));
        }

        assertEquals(before + 4, dns.queries("one.test"), "one.test made way for three.test and was asked again");
    }

    private Resolver resolver(int maxEntries) {
        return new Resolver(vertx, Map.of(), NameServer.parse(dns.address()),
                new Resolver.Limits(Duration.ofSeconds(5), maxEntries, MAX_TTL, NEGATIVE_TTL_CAP), nanos::get);
    }

    private List<InetAddress> resolve(String host) {
        return resolver.resolve(TargetUrl.parse("http://" + host + "/")).await().atMost(Duration.ofSeconds(10));
    }

    private ProbeResult.Error failure(String host) {
        return Failures.classify(assertThrows(RuntimeException.class, () -> resolve(host)));
    }

    private static List<InetAddress> addresses(String... texts) {
        return List.of(texts).stream().map(NetUtil::createInetAddressFromIpAddressString).toList();
    }
}
