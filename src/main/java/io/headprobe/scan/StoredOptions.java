package io.headprobe.scan;

import java.time.Duration;
import java.util.List;

import io.headprobe.http.Header;
import io.headprobe.probe.ProbeConfig;
import io.headprobe.probe.ProbeOptions;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpMethod;

/**
 * A scan's probe options as stored with it: resolved when the scan was taken (defaults applied,
 * checked), with a format version. A worker reads them without the request's rules and clamps them
 * to the limits where it runs, so that a limit lowered since slows the scan down but cannot fail it.
 *
 * @param bodyMaxBytes the body read's cap (version 2 on); null reads no body, as every scan of version 1 did
 * @param favicon with a body read, also fetch the page's icon
 * @param tlsScan also scan the TLS of each final https URL's server (version 3 on; false before)
 */
@RegisterForReflection
record StoredOptions(int version, String method, long timeoutMs, boolean followRedirects, int maxRedirects,
        int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
        Integer bodyMaxBytes, boolean favicon, boolean tlsScan) {

    /**
     * The newest format this instance writes (for a scan that reads bodies; one that does not is
     * version 1). It reads this one and every older one (version 1 has no body, which reads as
     * null); a worker refuses a newer one, which a newer instance wrote.
     */
    static final int VERSION = 3;

    static StoredOptions of(ProbeOptions options) {
        // A scan written in the oldest version that holds its options: instances from before bodies
        // (1) or TLS scans (2) still run it, so a rolling upgrade stops only the scans that need the new version.
        int version = options.tlsScan() ? 3 : options.body() != null ? 2 : 1;
        return new StoredOptions(version, options.method().name(), options.timeout().toMillis(), options.followRedirects(),
                options.maxRedirects(), options.concurrency(), options.audit(), options.tlsVerify(), options.http2(),
                options.ipVersion(), options.headers(), options.body() == null ? null : options.body().maxBytes(),
                options.body() != null && options.body().favicon(), options.tlsScan());
    }

    static boolean reads(int version) {
        return version >= 1 && version <= VERSION;
    }

    ProbeOptions clampedTo(ProbeConfig limits) {
        return new ProbeOptions(HttpMethod.valueOf(method), Duration.ofMillis(Math.min(timeoutMs, limits.timeout().toMillis())),
                followRedirects, Math.min(maxRedirects, limits.maxRedirects()), Math.min(concurrency, limits.concurrency()),
                audit, tlsVerify, http2, ipVersion, headers, null, null,
                bodyMaxBytes == null ? null : new ProbeOptions.BodyRead(Math.min(bodyMaxBytes, limits.bodyMaxBytes()), favicon))
                .withTlsScan(tlsScan);
    }
}
