package io.headprobe.probe;

import java.time.Duration;
import java.util.List;

import io.headprobe.http.Header;
import io.vertx.core.http.HttpMethod;

/**
 * How to probe the targets of one request, once defaults and limits are applied.
 *
 * @param ipVersion 4 or 6 to connect over that family only; null for both
 * @param headers extra request headers, in the order given
 * @param caFile CAs trusted besides the default trust for this probe only (read at start-up), or null
 */
public record ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
        int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
        CaFile caFile) {
}
