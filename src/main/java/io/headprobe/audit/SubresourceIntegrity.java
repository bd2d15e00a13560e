package io.headprobe.audit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's subresource-integrity test (src/analyzer/tests/subresource-integrity.js): every
 * {@code <script src>} of the page, graded by where it loads from and whether it has an
 * {@code integrity}. A script is "external" when its URL is absolute and on another registrable
 * domain than the site (ICANN suffixes of the Public Suffix List, as tldts reads them by default),
 * or protocol-relative ({@code //host/...}, whatever the host). Relative URLs are the site's own.
 */
final class SubresourceIntegrity {

    static final String TEST = "sri";

    /** Observatory's "goodness" list, best first: a result replaces another only if it comes later. */
    private static final List<String> BADNESS = List.of(
            "sri-implemented-and-all-scripts-loaded-securely",
            "sri-implemented-and-external-scripts-loaded-securely",
            "sri-implemented-but-external-scripts-not-loaded-securely",
            "sri-not-implemented-but-external-scripts-loaded-securely",
            "sri-not-implemented-and-external-scripts-not-loaded-securely",
            "sri-not-implemented-response-not-html");

    private static final List<String> PASSING = List.of(
            "sri-implemented-and-all-scripts-loaded-securely",
            "sri-implemented-and-external-scripts-loaded-securely",
            "sri-not-implemented-response-not-html",
            "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            "sri-not-implemented-but-no-scripts-loaded");

    /** Observatory's tests, case-sensitive: "HTTPS://x/" counts as a relative URL, "///x" too. */
    private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("^//[^/]");
    private static final Pattern FULL_URL = Pattern.compile("^https?://");

    private SubresourceIntegrity() {
    }

    /** Observatory's result, or null when the body was not read. */
    static Finding check(AuditedResponse response) {
        if (response.page() == null) {
            return null;
        }
        String mediaType = Page.mediaType(response);
        // A missing Content-Type is parsed as HTML here (the meta tags are not read then).
        if (!mediaType.isEmpty() && !Page.HTML_TYPES.contains(mediaType)) {
            return finding("sri-not-implemented-response-not-html", "the response is " + mediaType + ", not HTML");
        }
        List<Page.Script> scripts = response.page().scripts();
        if (scripts.isEmpty()) {
            return finding("sri-not-implemented-but-no-scripts-loaded", "the page has no script tags");
        }
        String siteDomain = registrableDomain(response.site());
        Worst worst = new Worst(BADNESS);
        boolean foreign = false;
        for (Page.Script script : scripts) {
            String src = script.src();
            if (src == null) {
                continue;
            }
            boolean relativeProtocol = PROTOCOL_RELATIVE.matcher(src).find();
            boolean fullUrl = !relativeProtocol && FULL_URL.matcher(src).find();
            boolean relativeOrigin = !relativeProtocol && !fullUrl;
            boolean sameDomain = !fullUrl || Objects.equals(registrableDomain(hostOf(src)), siteDomain);
            boolean secureOrigin = relativeOrigin || sameDomain && !relativeProtocol;
            boolean secureScheme = fullUrl ? src.startsWith("https:") : relativeOrigin && response.https();
            boolean integrity = script.integrity() != null;
            if (secureOrigin) {
                // The bonus is given for integrity on the site's own scripts only while nothing else was found.
                if (integrity && secureScheme && worst.result() == null) {
                    worst.note("sri-implemented-and-all-scripts-loaded-securely", "scripts are the site's own, and " + src + " has integrity");
                }
                continue;
            }
            foreign = true;
            String candidate;
            if (integrity && !secureScheme) {
                candidate = "sri-implemented-but-external-scripts-not-loaded-securely";
            } else if (!integrity && secureScheme) {
                candidate = "sri-not-implemented-but-external-scripts-loaded-securely";
            } else if (!integrity) {
                candidate = "sri-not-implemented-and-external-scripts-not-loaded-securely";
            } else {
                continue;
            }
            worst.note(candidate, "external script " + src + (integrity ? " has integrity" : " has no integrity")
                    + (secureScheme ? " and loads over https" : " and does not load over https"));
        }
        if (worst.result() == null) {
            return foreign
                    ? finding("sri-implemented-and-external-scripts-loaded-securely", "every external script loads over https with integrity")
                    : finding("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", "every script is the site's own");
        }
        return finding(worst.result(), worst.detail());
    }

    /**
     * The host of an absolute http(s) URL as tldts finds it (lenient: no URL validation), lower case.
     */
    static String hostOf(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int end = 0;
        while (end < rest.length() && "/?#\\".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            return null;
        }
        int colon = host.indexOf(':');
        return (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /**
     * tldts's "domain" of a host: the label before its ICANN public suffix (a suffix not on the
     * list is its last label, the list's "*" rule); null for an IP address, a bare suffix or a
     * single label.
     */
    static String registrableDomain(String host) {
        if (host == null) {
            return null;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!InternetDomainName.isValid(name)) {
            return null;
        }
        InternetDomainName domain = InternetDomainName.from(name);
        if (domain.isUnderRegistrySuffix()) {
            return domain.topDomainUnderRegistrySuffix().toString();
        }
        if (domain.hasRegistrySuffix()) {
            return null;
        }
        List<String> labels = domain.parts();
        return labels.size() < 2 ? null : String.join(".", labels.subList(labels.size() - 2, labels.size()));
    }

    private static Finding finding(String result, String detail) {
        return ScoreTable.finding(TEST, result, PASSING.contains(result), detail);
    }
}
