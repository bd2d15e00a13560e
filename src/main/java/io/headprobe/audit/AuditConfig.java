package io.headprobe.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of POST /audit, which grades headers a client sends instead of fetching them. */
@ConfigMapping(prefix = "headprobe.audit")
public interface AuditConfig {

    /** Most header lines in one request. */
    @WithDefault("500")
    int maxHeaders();

    /** Most bytes of header names and values together (UTF-8) in one request. */
    @WithDefault("262144")
    int maxHeaderBytes();
}
