package io.headprobe.probe;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of POST /probe: only {@code targets} is required, the rest defaults from configuration. */
@RegisterForReflection
@Schema(example = """
        {"targets": ["https://example.org", "http://127.0.0.1:9000/x"], "method": "HEAD", "timeoutMs": 5000,
         "followRedirects": true, "maxRedirects": 5, "concurrency": 64, "audit": false}""")
public record ProbeRequest(
        @Schema(required = true, description = "URLs to probe; a target without a scheme gets https://") List<String> targets,
        @Schema(enumeration = { "HEAD", "GET" }, description = "GET reads the headers and drops the body unread") String method,
        @Schema(description = "per-target time limit covering DNS, connect, TLS and headers of every hop") Integer timeoutMs,
        Boolean followRedirects,
        Integer maxRedirects,
        @Schema(description = "fetches in flight at once for this request") Integer concurrency,
        @Schema(description = "grade the security headers of each response") Boolean audit,
        @Schema(description = "verify certificates (default headprobe.probe.tls-verify); false fetches the headers anyway and reports why the chain failed") Boolean tlsVerify,
        @Schema(description = "offer h2 by ALPN on https (default headprobe.probe.http2)") Boolean http2,
        @Schema(enumeration = { "4", "6" }, description = "connect over this IP version only") Integer ipVersion,
        @Schema(description = "extra request headers, e.g. {\"Accept-Language\": \"de\"}") Map<String, String> headers,
        @Schema(description = "read the final response's body (then the method is GET) and report its facts: size, hashes, title") Boolean body,
        @Schema(description = "most body bytes read, on the wire and decoded (default and maximum headprobe.probe.body-max-bytes)") Integer bodyMaxBytes,
        @Schema(description = "also fetch the page's icon and hash it as Shodan and httpx do (implies body)") Boolean favicon,
        @Schema(description = "also scan the TLS of the final URL's server when it is https: versions, suites, groups, certificate, grade (costs headprobe.tls-scan.cost)") Boolean tlsScan) {

    /** A request without a TLS scan. */
    public ProbeRequest(List<String> targets, String method, Integer timeoutMs, Boolean followRedirects,
            Integer maxRedirects, Integer concurrency, Boolean audit, Boolean tlsVerify, Boolean http2, Integer ipVersion,
            Map<String, String> headers, Boolean body, Integer bodyMaxBytes, Boolean favicon) {
        this(targets, method, timeoutMs, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion,
                headers, body, bodyMaxBytes, favicon, null);
    }

    /** A request that reads no body. */
    public ProbeRequest(List<String> targets, String method, Integer timeoutMs, Boolean followRedirects,
            Integer maxRedirects, Integer concurrency, Boolean audit, Boolean tlsVerify, Boolean http2, Integer ipVersion,
            Map<String, String> headers) {
        this(targets, method, timeoutMs, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion,
                headers, null, null, null);
    }
}
