package io.headprobe.probe;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the probe resolves host names: a hosts file first, then one DNS server, over UDP. */
@ConfigMapping(prefix = "headprobe.dns")
public interface DnsConfig {

    /** Read once at start-up; names in it are never sent to DNS. */
    @WithDefault("/etc/hosts")
    String hostsFile();

    /** DNS server as host[:port]; by default the first nameserver of /etc/resolv.conf. */
    Optional<String> server();

    @WithDefault("5S")
    Duration queryTimeout();
}
