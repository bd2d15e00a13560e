package io.headprobe;

/**
 * Fired once when the service has started (a command never starts Quarkus): what only
 * the service needs (the scan store, its worker and sweeper) starts on it. See {@link ServiceStartup}.
 */
public record ServiceStart() {
}
