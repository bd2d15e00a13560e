package io.headprobe.audit;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit's settings: limits of POST /audit, which grades what a client sends, and the HSTS preload list. */
@ConfigMapping(prefix = "headprobe.audit")
public interface AuditConfig {

    /** Most header lines in one request. */
    @WithDefault("500")
    int maxHeaders();

    /** Most bytes of header names and values together (UTF-8) in one request. */
    @WithDefault("262144")
    int maxHeaderBytes();

    /** Most bytes (UTF-8) of the page body one request may give. */
    @WithDefault("262144")
    int maxBodyBytes();

    /**
     * Chromium's HSTS preload list, in the format of its transport_security_state_static.json:
     * read once at start-up; without it nothing is graded as preloaded.
     */
    Optional<String> hstsPreloadFile();
}
