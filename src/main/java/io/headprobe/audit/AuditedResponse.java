package io.headprobe.audit;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.jsoup.nodes.Document;

import io.headprobe.http.Header;

/**
 * What the audit grades: the final response's URL and headers and, when HeadProbe has them, the
 * rest of what Observatory looks at. Start from {@code new AuditedResponse(url, headers)} and add
 * the parts with the {@code with...} methods; a part left out is not graded, so headers alone
 * grade as they always did.
 *
 * @param route          null when there was no http hop to grade (the target was given as https,
 *                       or only headers were given); otherwise the URLs in order, starting with
 *                       the http one
 * @param page           the final response's body, parsed once by {@link #withBody}; null when it
 *                       was not read (no subresource-integrity finding, no meta tags)
 * @param earlierCookies the Set-Cookie lines of each response before the final one, in order
 * @param robotsCookies  the Set-Cookie lines of the {@code /robots.txt} fetch (each hop of it)
 * @param corsPreflight  the headers of the answer to Observatory's CORS preflight (an OPTIONS to
 *                       the final URL with {@link Cors#ORIGIN}); an empty list when it was sent
 *                       and failed; null when it was not sent (then the final response's own
 *                       headers are graded, as before)
 * @param verified       false when the TLS of the final response or of a hop did not verify and
 *                       the page was fetched without verification, as Observatory retries
 * @param preload        Chromium's HSTS preload list, or {@link HstsPreload#NONE}
 */
public record AuditedResponse(String url, List<Header> headers, List<String> route, Page page,
        List<CookieSource> earlierCookies, List<CookieSource> robotsCookies, List<Header> corsPreflight,
        boolean verified, HstsPreload preload) {

    /** The Set-Cookie lines of one response and the URL it answered, which decides what domains they may set. */
    public record CookieSource(String url, List<String> setCookies) {
    }

    public AuditedResponse {
        earlierCookies = earlierCookies == null ? List.of() : List.copyOf(earlierCookies);
        robotsCookies = robotsCookies == null ? List.of() : List.copyOf(robotsCookies);
        preload = preload == null ? HstsPreload.NONE : preload;
    }

    public AuditedResponse(String url, List<Header> headers) {
        this(url, headers, null);
    }

    public AuditedResponse(String url, List<Header> headers, List<String> route) {
        this(url, headers, route, null, null, null, null, true, null);
    }

    public AuditedResponse withRoute(List<String> route) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    /**
     * With the final response's body as text, or null when it was not read. Give it whatever the
     * Content-Type ("" for a body that is not text): the tests decide from the Content-Type, as
     * Observatory does.
     */
    public AuditedResponse withBody(String body) {
        return new AuditedResponse(url, headers, route, body == null ? null : Page.parse(body), earlierCookies, robotsCookies,
                corsPreflight, verified, preload);
    }

    /** With the final response's body as an HTML page already parsed (the probe's body read parsed it). */
    public AuditedResponse withPage(Document parsed) {
        return new AuditedResponse(url, headers, route, Page.of(parsed), earlierCookies, robotsCookies, corsPreflight, verified,
                preload);
    }

    public AuditedResponse withEarlierCookies(List<CookieSource> earlierCookies) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    public AuditedResponse withRobotsCookies(List<CookieSource> robotsCookies) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    public AuditedResponse withCorsPreflight(List<Header> corsPreflight) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    public AuditedResponse withVerified(boolean verified) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    public AuditedResponse withPreload(HstsPreload preload) {
        return new AuditedResponse(url, headers, route, page, earlierCookies, robotsCookies, corsPreflight, verified, preload);
    }

    public boolean https() {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** The host of the final URL, lower case, or null when there is none. */
    public String host() {
        return host(url);
    }

    /**
     * The site Observatory was asked to scan: the host the route starts at, else the final URL's
     * host (a target given as https has no route; its own host may differ when it redirected).
     */
    public String site() {
        return route == null || route.isEmpty() ? host() : host(route.get(0));
    }

    /**
     * Every header called {@code name} as one value, joined with ", " as Node's HTTP client
     * (Observatory's) joins repeated headers, or null when there is none. A repeated header is
     * therefore graded as its combined value: two HSTS lines make one invalid value, two CSP lines
     * two policies.
     */
    public String header(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** Every value of the headers called {@code name}, in wire order (for Set-Cookie, one per cookie). */
    public List<String> all(String name) {
        return Header.all(headers, name);
    }

    /** The first Content-Type value (Node keeps only the first of several), or null. */
    String contentType() {
        return Header.first(headers, "Content-Type");
    }

    static String host(String url) {
        try {
            String host = url == null ? null : URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
