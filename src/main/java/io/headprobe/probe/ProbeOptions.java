package io.headprobe.probe;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.headprobe.guard.TargetUrl;
import io.headprobe.http.Header;
import io.vertx.core.http.HttpMethod;

/**
 * How to probe the targets of one request, once defaults and limits are applied.
 *
 * @param ipVersion 4 or 6 to connect over that family only; null for both
 * @param headers extra request headers, in the order given
 * @param caFile CAs trusted besides the default trust for this probe only (read at start-up), or null
 * @param host the Host header (h2's :authority) to send instead of the target's, as a blackbox
 *        module's {@code Host:} header asks; null for the target's own
 * @param body how the final response's body is read; null to read none (the head is all)
 */
public record ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
        int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
        CaFile caFile, String host, BodyRead body) {

    /**
     * @param maxBytes most bytes read, on the wire and once decoded
     * @param favicon also fetch the page's icon and hash it
     */
    public record BodyRead(int maxBytes, boolean favicon) {
    }

    /** Options that read no body. */
    public ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
            int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
            CaFile caFile, String host) {
        this(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion, headers,
                caFile, host, null);
    }

    /** A scheme, as Go's url.Parse finds one: what makes a Location absolute. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** Options that send the target's own Host. */
    public ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
            int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
            CaFile caFile) {
        this(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion, headers,
                caFile, null);
    }

    /** The same options, but certificates are not verified (to see what a failed chain hides). */
    ProbeOptions unverified() {
        return new ProbeOptions(method, timeout, followRedirects, maxRedirects, concurrency, audit, false, http2,
                ipVersion, headers, caFile, host, body);
    }

    /**
     * The options of a fetch an audit makes besides the page (robots.txt, the CORS preflight): no
     * body, the page's headers and these.
     */
    ProbeOptions extra(HttpMethod method, List<Header> more) {
        List<Header> all = new java.util.ArrayList<>(headers);
        all.addAll(more);
        return new ProbeOptions(method, timeout, true, maxRedirects, concurrency, false, tlsVerify, http2, ipVersion,
                List.copyOf(all), caFile, null, null);
    }

    /** The options of the fetch of a page's icon: its body (same cap), no audit, redirects followed. */
    ProbeOptions forIcon() {
        return new ProbeOptions(HttpMethod.GET, timeout, true, maxRedirects, concurrency, false, tlsVerify, http2,
                ipVersion, headers, caFile, null, new BodyRead(body.maxBytes(), false));
    }

    /** What the request to {@code url} sends as Host, or as :authority over h2. */
    String hostHeader(TargetUrl url) {
        return host != null ? host : url.authority();
    }

    /**
     * The options for the hop a redirect to {@code location} leads to. As Go's client (which
     * blackbox uses), a Host of one's own goes on through a relative Location only: an absolute
     * one names its host, which may not serve that virtual host at all.
     */
    ProbeOptions following(String location) {
        if (host == null || !SCHEME.matcher(location).find()) {
            return this;
        }
        return new ProbeOptions(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2,
                ipVersion, headers, caFile, null, body);
    }
}
