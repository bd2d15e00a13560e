package io.headprobe.blackbox;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "headprobe.blackbox")
public interface BlackboxConfig {

    /**
     * blackbox_exporter's blackbox.yml, whose {@code prober: http} and {@code tcp} modules /probe offers. Without it
     * there is one module, blackbox's built-in {@code http_2xx}.
     */
    Optional<String> configFile();
}
