package io.headprobe.audit;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

import io.headprobe.audit.AuditedResponse.CookieSource;
import io.headprobe.http.Header;

/**
 * The cookies Observatory grades: what its tough-cookie jar keeps of the Set-Cookie lines, each set
 * from the URL of the response that carried it. The jar drops cookies for another domain or for a
 * public suffix (the Public Suffix List, private domains included, as tough-cookie reads it) and
 * cookies breaking the __Secure-/__Host- prefix rules, and a cookie set again with the same name,
 * domain and path replaces the first one in its place.
 *
 * <p>Which responses fill the jar follows Observatory's retriever (src/retriever/session.js): the
 * hops of the session it grades, which starts at https when the site has it (so hops before the
 * first https one are left out when the final URL is https), then the final response. Its
 * {@code /robots.txt} and CORS requests go through a second client that has the jar only when
 * the page was fetched again without TLS verification, and then only over https.
 */
final class CookieJar {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** tough-cookie lets cookies be set for these special-use names and their subdomains. */
    private static final Set<String> SPECIAL_USE = Set.of("local", "example", "invalid", "localhost", "test");
    private static final Set<String> SPECIAL_USE_ALONE = Set.of("localhost", "invalid");

    private CookieJar() {
    }

    /** The cookies the jar holds after every response's Set-Cookie lines, in the order first set. */
    static List<SetCookie> cookies(AuditedResponse response) {
        Map<Key, SetCookie> jar = new LinkedHashMap<>();
        for (CookieSource source : sources(response)) {
            for (String line : source.setCookies()) {
                set(jar, AuditedResponse.host(source.url()), defaultPath(source.url()), line);
            }
        }
        return List.copyOf(jar.values());
    }

    /** The responses whose cookies reach Observatory's jar, in the order it receives them. */
    private static List<CookieSource> sources(AuditedResponse response) {
        List<CookieSource> sources = new ArrayList<>(response.earlierCookies());
        if (response.https()) {
            int firstHttps = 0;
            while (firstHttps < sources.size() && !isHttps(sources.get(firstHttps).url())) {
                firstHttps++;
            }
            sources = new ArrayList<>(sources.subList(firstHttps, sources.size()));
        }
        sources.add(new CookieSource(response.url(), response.all("Set-Cookie")));
        if (!response.verified()) {
            response.robotsCookies().stream().filter(source -> isHttps(source.url())).forEach(sources::add);
            if (response.corsPreflight() != null && response.https()) {
                sources.add(new CookieSource(response.url(), Header.all(response.corsPreflight(), "Set-Cookie")));
            }
        }
        return sources;
    }

    private static boolean isHttps(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, 8);
    }

    /** One Set-Cookie line received from {@code host}, into the jar or dropped as tough-cookie would. */
    private static void set(Map<Key, SetCookie> jar, String host, String defaultPath, String line) {
        SetCookie cookie = SetCookie.parse(line);
        if (cookie == null) {
            return;
        }
        boolean hostOnly = cookie.domain() == null;
        // tough-cookie matches the domain with one more leading dot dropped ("..a.org" is a.org).
        String canonical = hostOnly ? null : cookie.domain().replaceFirst("^\\.", "");
        if (!hostOnly && (isPublicSuffix(canonical) || !domainMatches(host, canonical))) {
            return;
        }
        SetCookie kept = cookie.scopedTo(hostOnly ? host : cookie.domain(),
                cookie.path() == null ? defaultPath : cookie.path());
        if (!breaksPrefixRules(kept, hostOnly)) {
            jar.put(new Key(kept.domain(), kept.path(), kept.name()), kept);
        }
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
     * tough-cookie refuses a Domain that has no registrable domain under the Public Suffix List
     * (ICANN and private suffixes: "co.uk", "github.io"), a single label (other than its
     * special-use allowances) and an IPv4 address.
     */
    private static boolean isPublicSuffix(String domain) {
        String[] labels = domain.split("\\.", -1);
        String last = labels[labels.length - 1];
        if (SPECIAL_USE.contains(last)) {
            return labels.length == 1 && !SPECIAL_USE_ALONE.contains(last);
        }
        if (labels.length == 1 || IPV4.matcher(domain).matches()) {
            return true;
        }
        return InternetDomainName.isValid(domain) && InternetDomainName.from(domain).isPublicSuffix();
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
