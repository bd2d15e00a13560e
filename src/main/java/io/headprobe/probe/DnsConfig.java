package io.headprobe.probe;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * How the probe resolves host names: a hosts file first, then one DNS server (over UDP, and TCP when
 * an answer is truncated), its answers cached.
 */
@ConfigMapping(prefix = "headprobe.dns")
public interface DnsConfig {

    /**
     * Read once at start-up (by Netty's hosts file parser); names in it are never sent to DNS. A
     * missing file is logged and leaves every name to DNS.
     */
    @WithDefault("/etc/hosts")
    String hostsFile();

    /**
     * The DNS server as an IP address with an optional port: {@code 10.0.0.2}, {@code 10.0.0.2:5353},
     * {@code ::1}, {@code [::1]} or {@code [::1]:5353} (port 53 when none is given; a port after an
     * IPv6 address needs the brackets). A host name is refused at start-up, even one the hosts file
     * knows: the server's address is the one thing the resolver can't look up. By default the first
     * {@code nameserver} of /etc/resolv.conf, or 127.0.0.1 when it names none.
     */
    Optional<@WithConverter(NameServer.FromConfig.class) NameServer> server();

    @WithDefault("5S")
    Duration queryTimeout();

    /** Names whose answers are kept at most (the least recently used go first); 0 turns the cache off. */
    @WithDefault("10000")
    int cacheMaxEntries();

    /** An answer is kept for its TTL, at most this long. */
    @WithDefault("1H")
    Duration cacheMaxTtl();

    /**
     * A name that does not exist, or has no address, is remembered for the negative TTL of the SOA in
     * the answer (RFC 2308), at most this long; not at all without an SOA. Failures (SERVFAIL, no
     * answer) are never remembered.
     */
    @WithDefault("1M")
    Duration cacheMaxNegativeTtl();
}
