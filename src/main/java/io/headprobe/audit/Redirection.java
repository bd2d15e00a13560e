package io.headprobe.audit;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's redirection test (src/analyzer/tests/redirection.js), graded from the route
 * HeadProbe followed from the plain-http URL: a route fetched over TLS that did not verify is
 * {@code redirection-invalid-cert}, one whose every host is on the HSTS preload list
 * {@code redirection-all-redirects-preloaded} (browsers never make the http request).
 */
final class Redirection {

    static final String TEST = "redirection";

    private Redirection() {
    }

    /** Observatory's result for the route, or null when HeadProbe had no http hop to grade. */
    static Finding check(AuditedResponse response) {
        List<String> route = response.route();
        if (route == null || route.isEmpty()) {
            return null;
        }
        String first = route.get(0);
        if (!response.verified()) {
            return finding("redirection-invalid-cert", false, "a certificate on the way from " + first + " did not verify");
        }
        if (route.stream().allMatch(url -> response.preload().covers(host(url)))) {
            return finding("redirection-all-redirects-preloaded", true, "every host on the way from " + first + " is preloaded");
        }
        if (route.size() == 1) {
            return finding("redirection-missing", false, first + " does not redirect");
        }
        String last = route.get(route.size() - 1);
        if (!"https".equals(scheme(last))) {
            return finding("redirection-not-to-https", false, first + " redirects to " + last + ", not to https");
        }
        String second = route.get(1);
        if ("http".equals(scheme(second))) {
            return finding("redirection-not-to-https-on-initial-redirection", false,
                    first + " first redirects to " + second + ", still plain http");
        }
        // Leaving the host on the way to https means the http host never gets to set HSTS.
        if ("http".equals(scheme(first)) && "https".equals(scheme(second)) && !Objects.equals(host(first), host(second))) {
            return finding("redirection-off-host-from-http", false,
                    first + " redirects to another host (" + second + ") instead of its own https");
        }
        return finding("redirection-to-https", true, first + " redirects to " + second);
    }

    private static String scheme(String url) {
        return part(url, URI::getScheme);
    }

    /** The host name without port, as Observatory compares URL.hostname. */
    private static String host(String url) {
        return part(url, URI::getHost);
    }

    private static String part(String url, Function<URI, String> part) {
        try {
            String value = part.apply(URI.create(url));
            return value == null ? null : value.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Finding finding(String result, boolean pass, String detail) {
        return ScoreTable.finding(TEST, result, pass, detail);
    }
}
