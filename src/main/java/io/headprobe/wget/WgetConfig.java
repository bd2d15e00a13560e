package io.headprobe.wget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "headprobe.wget")
public interface WgetConfig {

    /** /wget connects only to addresses the SSRF guard allows, as /probe does; this can still switch it off. */
    @WithDefault("true")
    boolean enabled();

    /** Per-target timeout, from name resolution to the end of the response head. */
    @WithDefault("10S")
    Duration timeout();

    /** Most targets one /wget call may name. */
    @WithDefault("100")
    int maxTargets();
}
