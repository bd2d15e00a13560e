package io.headprobe.probe;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the probe service. Where a request may choose a value (timeout, redirects,
 * concurrency), the configured value is both its default and its maximum.
 */
@ConfigMapping(prefix = "headprobe.probe")
public interface ProbeConfig {

    /** Most targets in one request. */
    @WithDefault("1000")
    int maxTargets();

    /** Fetches in flight at once across all requests. */
    @WithDefault("1024")
    int maxInFlight();

    /**
     * Fetches that may wait for one of the max-in-flight slots; a request whose fetch finds the
     * queue full is answered 503 with Retry-After.
     */
    @WithDefault("10000")
    int maxQueuedFetches();

    /**
     * Fetches in flight at once to the same host name, and to the same resolved address, across
     * all requests; 0 turns the limit off.
     */
    @WithDefault("4")
    int perHostConcurrency();

    /** Fetches in flight at once for one request. */
    @WithDefault("64")
    int concurrency();

    /** Per-target time limit, covering DNS, connect, TLS and headers of every redirect hop. */
    @WithDefault("10S")
    Duration timeout();

    /** Default method: HEAD or GET. */
    @WithDefault("HEAD")
    String method();

    @WithDefault("true")
    boolean followRedirects();

    /** Most redirects followed for one target. */
    @WithDefault("5")
    int maxRedirects();

    /** Largest response head (status line + headers) read from a target. */
    @WithDefault("65536")
    int maxHeaderBytes();

    /** Longest target (URL) accepted, in characters. */
    @WithDefault("8192")
    int maxTargetLength();

    /** Largest request body accepted by POST /probe (larger: 413). */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Largest body of POST /probe/stream sent as text, one target per line (larger: 413, or the
     * stream ends there when the body has no Content-Length). The lines are read as the probes go,
     * so this bounds a request's length, not its memory. Above quarkus.http.limits.max-body-size,
     * raise that too.
     */
    @WithDefault("134217728")
    long streamMaxBodyBytes();

    /** Default of the request option tlsVerify: certificates must verify (chain and host name). */
    @WithDefault("true")
    boolean tlsVerify();

    /** A PEM bundle of CA certificates trusted besides the JDK's own (internal CAs, tests). */
    Optional<String> trustStoreFile();

    /** Default of the request option http2: offer h2 by ALPN on https. */
    @WithDefault("true")
    boolean http2();

    /**
     * How long one address may take to accept the connection before the next address of the
     * name is tried (never longer than what is left of the target's timeout).
     */
    @WithDefault("2S")
    Duration connectAttemptTimeout();

    /**
     * Most bytes of a response body read when a request asks for the body (or an audit): both its
     * default and its maximum. The cap holds on the wire and after decoding, so a compression bomb
     * stops there too.
     */
    @WithDefault("262144")
    int bodyMaxBytes();

    /**
     * Threads that decode and parse bodies read (off the event loops); bodies wait for one. A
     * brotli body may hold up to 16 MiB of decoder window while it is decoded, whatever the cap.
     */
    @WithDefault("2")
    int bodyThreads();

    /** Most extra request headers in one probe request. */
    @WithDefault("20")
    int maxRequestHeaders();

    /** Most bytes of extra request header names and values together. */
    @WithDefault("8192")
    int maxRequestHeaderBytes();
}
