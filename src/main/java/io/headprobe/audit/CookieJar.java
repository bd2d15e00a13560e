package io.headprobe.audit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cookies Observatory grades: what its tough-cookie jar keeps of the Set-Cookie lines, set from
 * the response's URL. The jar drops cookies for another domain or for a public suffix and cookies
 * breaking the __Secure-/__Host- prefix rules, and a cookie set again with the same name, domain
 * and path replaces the first one in its place. HeadProbe sees only the final response, so cookies
 * set on a redirect along the way (which Observatory's jar also collects) are not graded.
 */
final class CookieJar {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** tough-cookie lets cookies be set for these special-use names and their subdomains. */
    private static final Set<String> SPECIAL_USE = Set.of("local", "example", "invalid", "localhost", "test");
    private static final Set<String> SPECIAL_USE_ALONE = Set.of("localhost", "invalid");

    private CookieJar() {
    }

    /** The cookies the jar holds after the response's Set-Cookie lines, in the order first set. */
    static List<SetCookie> cookies(AuditedResponse response) {
        String host = response.host();
        String defaultPath = defaultPath(response.url());
        Map<Key, SetCookie> jar = new LinkedHashMap<>();
        for (String line : response.all("Set-Cookie")) {
            SetCookie cookie = SetCookie.parse(line);
            if (cookie == null) {
                continue;
            }
            boolean hostOnly = cookie.domain() == null;
            // tough-cookie matches the domain with one more leading dot dropped ("..a.org" is a.org).
            String canonical = hostOnly ? null : cookie.domain().replaceFirst("^\\.", "");
            if (!hostOnly && (isPublicSuffix(canonical) || !domainMatches(host, canonical))) {
                continue;
            }
            SetCookie kept = cookie.scopedTo(hostOnly ? host : cookie.domain(),
                    cookie.path() == null ? defaultPath : cookie.path());
            if (breaksPrefixRules(kept, hostOnly)) {
                continue;
            }
            jar.put(new Key(kept.domain(), kept.path(), kept.name()), kept);
        }
        return List.copyOf(jar.values());
    }

    /** What makes a cookie the same cookie in the jar. */
    private record Key(String domain, String path, String name) {
    }

    /** The prefixes are matched case-sensitively, as tough-cookie does. */
    private static boolean breaksPrefixRules(SetCookie cookie, boolean hostOnly) {
        if (cookie.name().startsWith("__Secure-")) {
            return !cookie.secure();
        }
        // tough-cookie checks the path after defaulting it, so "__Host-" without Path set from
        // "/" or "/page" still passes.
        return cookie.name().startsWith("__Host-") && !(cookie.secure() && hostOnly && "/".equals(cookie.path()));
    }

    /**
     * tough-cookie refuses a Domain that is a public suffix, from the Public Suffix List. HeadProbe
     * has no copy of the list, so it refuses only what needs none: a single label (other than
     * tough-cookie's special-use allowances) and an IPv4 address. "co.uk" or "github.io" pass here.
     */
    private static boolean isPublicSuffix(String domain) {
        String[] labels = domain.split("\\.", -1);
        String last = labels[labels.length - 1];
        if (SPECIAL_USE.contains(last)) {
            return labels.length == 1 && !SPECIAL_USE_ALONE.contains(last);
        }
        return labels.length == 1 || IPV4.matcher(domain).matches();
    }

    /** RFC 6265 domain-match: the host itself, or a subdomain of it when the host is a name. */
    private static boolean domainMatches(String host, String domain) {
        if (host == null) {
            return false;
        }
        return host.equals(domain)
                || host.endsWith("." + domain) && !IPV4.matcher(host).matches() && !host.contains(":");
    }

    /** RFC 6265's default path: the URL's path up to, not including, its last "/". */
    private static String defaultPath(String url) {
        String path = null;
        try {
            path = url == null ? null : URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            // no path to default from, like a URL without one
        }
        if (path == null || !path.startsWith("/")) {
            return "/";
        }
        int lastSlash = path.lastIndexOf('/');
        return lastSlash == 0 ? "/" : path.substring(0, lastSlash);
    }
}
