package io.headprobe.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * @param requestBody the bytes sent as the request's body (a blackbox module's {@code body}); null for none
 * @param tlsClient a blackbox module's tls_config beyond trust; null for the defaults
 * @param auditFetches with an audit, also fetch what Observatory fetches besides the page (robots.txt,
 *        a CORS preflight, the page again unverified when its certificate fails); false grades the
 *        page alone, so the target sees one request per probe, as from blackbox_exporter
 * @param tlsScan also make a TLS scan of the final URL's server when it is https (see {@link TlsScanStep})
 * @param proxy the HTTP proxies a blackbox module goes through; null to connect directly
 */
public record ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
        int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
        CaFile caFile, String host, BodyRead body, byte[] requestBody, TlsClient tlsClient, boolean auditFetches,
        boolean tlsScan, HttpProxy proxy) {

    /** Options with Observatory's fetches for an audit, without a TLS scan, connecting directly. */
    public ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
            int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
            CaFile caFile, String host, BodyRead body, byte[] requestBody, TlsClient tlsClient) {
        this(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion, headers,
                caFile, host, body, requestBody, tlsClient, true, false, null);
    }

    /** The same options with a TLS scan or without. */
    public ProbeOptions withTlsScan(boolean scan) {
        return new ProbeOptions(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2,
                ipVersion, headers, caFile, host, body, requestBody, tlsClient, auditFetches, scan, proxy);
    }

    /** The same options, the audit grading the page alone ({@code false}) or with Observatory's fetches. */
    public ProbeOptions withAuditFetches(boolean fetches) {
        return new ProbeOptions(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2,
                ipVersion, headers, caFile, host, body, requestBody, tlsClient, fetches, tlsScan, proxy);
    }

    /** The same options through {@code proxy} (null: directly). */
    public ProbeOptions withProxy(HttpProxy proxy) {
        return new ProbeOptions(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2,
                ipVersion, headers, caFile, host, body, requestBody, tlsClient, auditFetches, tlsScan, proxy);
    }

    /**
     * @param serverName sent as SNI and checked against the certificate in place of the target's
     *        host (Go's tls.Config.ServerName); null for the target's
     * @param protocols the JDK names of the TLS versions offered (TLSv1.2, TLSv1.3); empty for the JDK's
     * @param certificate shown to a server that asks for one; null for none
     */
    public record TlsClient(String serverName, List<String> protocols, ClientCertificate certificate) {
    }

    /**
     * @param maxBytes most bytes read, on the wire and once decoded
     * @param favicon also fetch the page's icon and hash it
     */
    public record BodyRead(int maxBytes, boolean favicon) {
    }

    /** Options that send no body. */
    public ProbeOptions(HttpMethod method, Duration timeout, boolean followRedirects, int maxRedirects,
            int concurrency, boolean audit, boolean tlsVerify, boolean http2, Integer ipVersion, List<Header> headers,
            CaFile caFile, String host, BodyRead body) {
        this(method, timeout, followRedirects, maxRedirects, concurrency, audit, tlsVerify, http2, ipVersion, headers,
                caFile, host, body, null, null);
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
                ipVersion, headers, caFile, host, body, requestBody, tlsClient, auditFetches, tlsScan, proxy);
    }

    /**
     * The options of a fetch an audit makes besides the page (robots.txt, the CORS preflight): no
     * body, the page's headers and these.
     */
    ProbeOptions extra(HttpMethod method, List<Header> more) {
        List<Header> all = new ArrayList<>(headers);
        all.addAll(more);
        return new ProbeOptions(method, timeout, true, maxRedirects, concurrency, false, tlsVerify, http2, ipVersion,
                List.copyOf(all), caFile, null, null, null, tlsClient, false, false, proxy);
    }

    /** The options of the fetch of a page's icon: its body (same cap), no audit, redirects followed. */
    ProbeOptions forIcon(boolean sameOrigin) {
        return new ProbeOptions(HttpMethod.GET, timeout, true, maxRedirects, concurrency, false, tlsVerify, http2,
                ipVersion, sameOrigin ? headers : forOtherOrigin(), caFile, null, new BodyRead(body.maxBytes(), false), null,
                tlsClient, false, false, proxy);
    }

    /**
     * The same options with what is left until {@code deadline} (a System.nanoTime()) as their
     * timeout, at least a millisecond: a target's later fetches (its icon, the audit's) share its
     * timeout instead of each having a whole one.
     */
    ProbeOptions within(long deadline) {
        long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime());
        return new ProbeOptions(method, Duration.ofNanos(left), followRedirects, maxRedirects, concurrency, audit, tlsVerify,
                http2, ipVersion, headers, caFile, host, body, requestBody, tlsClient, auditFetches, tlsScan, proxy);
    }

    /**
     * The headers that may go to another origin than the page's: without credentials, as Go's
     * client drops them on a redirect to another domain (the page chooses where its icon is).
     */
    List<Header> forOtherOrigin() {
        return headers.stream().filter(header -> !CREDENTIALS.contains(header.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie",
            "proxy-authorization");

    /** What the request to {@code url} sends as Host, or as :authority over h2. */
    String hostHeader(TargetUrl url) {
        return host != null ? host : url.authority();
    }

    /**
     * The options for the hop a {@code status} redirect to {@code location} leads to. As Go's client
     * (which blackbox uses), a Host of one's own goes on through a relative Location only: an absolute
     * one names its host, which may not serve that virtual host at all. And as Go's client, 301,
     * 302 and 303 drop the request body and turn any method but GET and HEAD into GET; 307 and 308
     * keep both. OPTIONS stays: it is the audit's CORS preflight, which follows as Observatory does.
     */
    ProbeOptions following(String location, int status) {
        boolean dropsBody = status == 301 || status == 302 || status == 303;
        boolean toGet = dropsBody && !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)
                && !method.equals(HttpMethod.OPTIONS);
        boolean keepsHost = host == null || !SCHEME.matcher(location).find();
        if (keepsHost && (!dropsBody || requestBody == null) && !toGet) {
            return this;
        }
        return new ProbeOptions(toGet ? HttpMethod.GET : method, timeout, followRedirects, maxRedirects, concurrency,
                audit, tlsVerify, http2, ipVersion, headers, caFile, keepsHost ? host : null, body,
                dropsBody ? null : requestBody, tlsClient, auditFetches, tlsScan, proxy);
    }
}
