package io.headprobe.tls;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code headprobe.tls-scan.*}: how hard a TLS scan may press one server, and what it costs its client. */
@ConfigMapping(prefix = "headprobe.tls-scan")
public interface TlsScanConfig {

    /** Handshakes in flight at once to the server of one scan. */
    @WithDefault("4")
    int parallelism();

    /** The most one handshake may take: connecting, and the server's answer to the hello. */
    @WithDefault("5S")
    Duration handshakeTimeout();

    /** The most a whole scan may take; then it returns what it knows, marked incomplete. */
    @WithDefault("30S")
    Duration maxScanTime();

    /** What one scan costs against the client's limits (headprobe.limit.*), in targets: a probe of one target costs 1. */
    @WithDefault("10")
    int cost();
}
