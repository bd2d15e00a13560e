package io.headprobe.blackbox;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "headprobe.blackbox")
public interface BlackboxConfig {

    /**
     * blackbox_exporter's blackbox.yml, whose {@code prober: http} and {@code tcp} modules /probe offers. Without it
     * there is one module, blackbox's built-in {@code http_2xx}.
     */
    Optional<String> configFile();

    /**
     * The security-header audit of an http module's scrape (the headprobe_audit_* metrics):
     * {@code page} grades the scraped response alone, so a target sees one request per scrape as
     * from blackbox_exporter; {@code full} also makes Observatory's other fetches (robots.txt, a
     * CORS preflight), three requests per scrape; {@code off} writes no audit metrics.
     */
    @WithDefault("page")
    AuditMode audit();

    enum AuditMode {
        PAGE,
        FULL,
        OFF
    }
}
