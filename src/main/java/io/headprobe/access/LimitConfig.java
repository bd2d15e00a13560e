package io.headprobe.access;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client limits on /probe*, /audit and /wget. A client is an API key, else a remote address. */
@ConfigMapping(prefix = "headprobe.limit")
public interface LimitConfig {

    /** false turns every per-client limit off. */
    @WithDefault("true")
    boolean enabled();

    /** Targets a client may have fetched per minute (the bucket's refill rate). */
    @WithDefault("1000")
    long targetsPerMinute();

    /** Most targets a client may spend at once (the bucket's size). */
    @WithDefault("1000")
    long burst();

    /** Probe requests one client may have running at once. */
    @WithDefault("8")
    int concurrentRequests();

    /** Proxies (CIDR blocks) whose X-Forwarded-For header is believed. None by default. */
    Optional<List<String>> trustedProxies();
}
