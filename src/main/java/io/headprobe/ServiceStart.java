package io.headprobe;

/**
 * Fired once at start-up when the process is the service, never when it runs a command: what only
 * the service needs (the scan store, its worker and sweeper) starts on it. See {@link RunMode}.
 */
public record ServiceStart() {
}
