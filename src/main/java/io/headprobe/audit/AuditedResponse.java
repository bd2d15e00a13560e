package io.headprobe.audit;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.headprobe.http.Header;

/**
 * What the audit grades: the final response's URL and headers, and, when HeadProbe saw it, the
 * route from the plain-http URL the client started at through every redirect to the final URL.
 *
 * @param route null when there was no http hop to grade (the target was given as https, or
 *              only headers were given); otherwise the URLs in order, starting with the http one
 */
public record AuditedResponse(String url, List<Header> headers, List<String> route) {

    public AuditedResponse(String url, List<Header> headers) {
        this(url, headers, null);
    }

    public boolean https() {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** The host of the final URL, lower case, or null when there is none. */
    public String host() {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return null;
        }
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
}
