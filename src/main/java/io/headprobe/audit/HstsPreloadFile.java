package io.headprobe.audit;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/**
 * The HSTS preload list of {@code headprobe.audit.hsts-preload-file}, read once at start-up so that
 * a file that cannot be used stops the application instead of quietly grading nothing as preloaded.
 */
@Startup
@ApplicationScoped
public class HstsPreloadFile {

    private final HstsPreload list;

    @Inject
    public HstsPreloadFile(AuditConfig config) {
        try {
            list = config.hstsPreloadFile().map(file -> HstsPreload.read(Path.of(file))).orElse(HstsPreload.NONE);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("headprobe.audit.hsts-preload-file: " + e.getMessage(), e);
        }
    }

    /** The list, or {@link HstsPreload#NONE} when no file is configured. */
    public HstsPreload list() {
        return list;
    }
}
