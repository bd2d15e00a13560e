package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headprobe.guard.TargetUrl;
import io.headprobe.testing.DnsServer;
import io.headprobe.testing.Loopback;
import io.netty.util.NetUtil;
import io.vertx.core.Vertx;

/**
 * The resolver against a real DNS server on 127.0.0.1 ({@link DnsServer}). The answers are data
 * only: nothing here connects to any of the addresses.
 */
class ResolverTest {

    static Vertx vertx;
    static DnsServer dns;
    static Path hostsFile;
    static Resolver resolver;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        vertx = Vertx.vertx();
        dns = new DnsServer(Map.of(
                "v4.test", List.of("192.0.2.1", "192.0.2.2"),
                "v6.test", List.of("2001:db8::1"),
                "both.test", List.of("2001:db8::2", "192.0.2.3", "2001:db8::3", "192.0.2.4"),
                "listed.test", List.of("192.0.2.9")));
        hostsFile = Files.writeString(dir.resolve("hosts"), """
                # A hosts file as people write them: comments, tabs, aliases, both families.
                127.0.0.1\tlocalhost
                ::1         listed.test   # after the IPv4 line below in the answer: A first
                127.0.0.5   Listed.test   alias.test
                not-an-ip   broken.test
                """);
        resolver = new Resolver(vertx, Resolver.readHosts(hostsFile), NameServer.parse(dns.address()), limits(Duration.ofSeconds(5)),
                System::nanoTime);
    }

    @AfterAll
    static void stop() {
        dns.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aNameWithOnlyARecordsGetsThemAll() throws Exception {
        assertEquals(addresses("192.0.2.1", "192.0.2.2"), resolve("v4.test"));
    }

    @Test
    void aNameWithOnlyAaaaRecordsGetsThemAll() throws Exception {
        assertEquals(addresses("2001:db8::1"), resolve("v6.test"));
    }

    @Test
    void aNameWithBothGetsEveryAddressARecordsFirst() throws Exception {
        assertEquals(addresses("192.0.2.3", "192.0.2.4", "2001:db8::2", "2001:db8::3"), resolve("both.test"));
        assertEquals(2, dns.queries("both.test"), "one A and one AAAA query");
    }

    @Test
    void anUnknownNameFailsWithNoSuchName() {
        Throwable failure = assertThrows(RuntimeException.class, () -> resolve("missing.test"));
        UnknownHostException unknown = assertInstanceOf(Resolver.NoSuchNameException.class, failure.getCause());
        assertEquals("missing.test (no such name)", unknown.getMessage());
        assertEquals(2, dns.queries("missing.test"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "both.test.", "BOTH.Test." })
    void aTrailingDotOrCapitalsNameTheSameHost(String name) throws Exception {
        assertEquals(resolve("both.test"), resolve(name));
    }

    @Test
    void theHostsFileWinsAndItsNamesNeverReachDns() throws Exception {
        assertEquals(addresses("127.0.0.5", "::1"), resolve("listed.test"));
        assertEquals(addresses("127.0.0.5"), resolve("alias.test."));
        assertEquals(0, dns.queries("listed.test"));
        assertEquals(0, dns.queries("alias.test"));
    }

    @Test
    void aLineWithoutAnAddressIsSkipped() {
        assertEquals(Map.of(
                "localhost", addresses("127.0.0.1"),
                "listed.test", addresses("127.0.0.5", "::1"),
                "alias.test", addresses("127.0.0.5")), Resolver.readHosts(hostsFile));
    }

    @Test
    void aMissingHostsFileLeavesEveryNameToDns(@TempDir Path dir) {
        assertEquals(Map.of(), Resolver.readHosts(dir.resolve("missing")));
    }

    @Test
    void anIpLiteralIsNeverLookedUp() throws Exception {
        int before = dns.queries();
        assertEquals(addresses("::1"), resolve("[::1]"));
        assertEquals(addresses("192.0.2.7"), resolve("192.0.2.7"));
        assertEquals(before, dns.queries());
    }

    @Test
    void aServerThatNeverAnswersMeansUnknownHost() {
        // A loopback port where nothing listens: the query is dropped (or refused) and times out.
        Resolver deaf = new Resolver(vertx, Map.of(),
                NameServer.parse("127.0.0.1:" + Loopback.refusingPort()), limits(Duration.ofMillis(200)), System::nanoTime);
        Throwable failure = assertThrows(RuntimeException.class,
                () -> deaf.resolve(TargetUrl.parse("http://v4.test/")).await().atMost(Duration.ofSeconds(10)));
        assertInstanceOf(UnknownHostException.class, failure.getCause());
    }

    @Test
    void aServerOnIpv6LoopbackIsReachedThroughItsBracketedAddress() {
        try (DnsServer overIpv6 = new DnsServer(NetUtil.LOCALHOST6, Map.of("v6only.test", List.of("192.0.2.6")))) {
            NameServer server = NameServer.parse("[::1]:" + overIpv6.port());
            Resolver resolver = new Resolver(vertx, Map.of(), server, limits(Duration.ofSeconds(5)), System::nanoTime);

            assertEquals(addresses("192.0.2.6"),
                    resolver.resolve(TargetUrl.parse("http://v6only.test/")).await().atMost(Duration.ofSeconds(10)));
            assertEquals(2, overIpv6.queries("v6only.test"));
        }
    }

    private static Resolver.Limits limits(Duration queryTimeout) {
        return new Resolver.Limits(queryTimeout, 100, Duration.ofHours(1), Duration.ofMinutes(1));
    }

    private static List<InetAddress> resolve(String host) {
        return resolver.resolve(TargetUrl.parse("http://" + host + "/")).await().atMost(Duration.ofSeconds(10));
    }

    private static List<InetAddress> addresses(String... texts) {
        return List.of(texts).stream().map(NetUtil::createInetAddressFromIpAddressString).toList();
    }
}
