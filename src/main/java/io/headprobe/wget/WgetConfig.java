package io.headprobe.wget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "headprobe.wget")
public interface WgetConfig {

    /**
     * /wget fetches whatever it is given, without the probe's SSRF guard, so it is off unless
     * switched on (the dev and test profiles do).
     */
    @WithDefault("false")
    boolean enabled();

    /** Per-target timeout, from connect to the end of the response head. */
    @WithDefault("10S")
    Duration timeout();

    /** Most targets one /wget call may name. */
    @WithDefault("100")
    int maxTargets();
}
