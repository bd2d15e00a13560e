package io.headprobe.guard;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "headprobe.guard")
public interface GuardConfig {

    /** Address blocks that may be probed although they are not public, e.g. 127.0.0.1/32. */
    Optional<List<String>> allow();
}
