package io.headprobe.body;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.headprobe.body.BodyFacts.Favicon;

/**
 * Where a page's icon is, and its hash as Shodan and httpx give it. The choice follows httpx
 * (runner/runner.go extractPotentialFavIconsURLs): links whose rel has one of the icon words, those ending
 * in ".ico" first, then by href; resolved against the page's {@code <base href>}; with none,
 * /favicon.ico at the page's origin.
 */
public final class Favicons {

    /** httpx's words, less "alternate", which names feeds and translations rather than icons. */
    private static final Set<String> ICON_RELS = Set.of("icon", "shortcut", "shortcut-icon", "apple-touch-icon",
            "mask-icon");

    private Favicons() {
    }

    /** An http(s) URL to fetch, or a data: URL to read with {@link #dataIcon}; null if pageUrl is no URL. */
    public static String iconUrl(Document page, String pageUrl) {
        String base = pageUrl;
        List<String> hrefs = new ArrayList<>();
        if (page != null) {
            Element baseElement = page.selectFirst("base[href]");
            if (baseElement != null) {
                String resolved = resolve(pageUrl, baseElement.attr("href").strip());
                base = resolved != null ? resolved : pageUrl;
            }
            for (Element link : page.select("link[rel][href]")) {
                String href = link.attr("href").strip();
                if (!href.isEmpty() && isIconRel(link.attr("rel"))) {
                    hrefs.add(href);
                }
            }
        }
        hrefs.sort(Comparator.comparing((String href) -> !href.toLowerCase(Locale.ROOT).endsWith(".ico"))
                .thenComparing(Comparator.naturalOrder()));
        for (String href : hrefs) {
            if (href.regionMatches(true, 0, "data:", 0, 5)) {
                return href;
            }
            String url = resolve(base, href);
            if (url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
                return url;
            }
        }
        return resolve(pageUrl, "/favicon.ico");
    }

    /**
     * The bytes of a base64 {@code data:image/...} URL, as httpx hashes an inline icon; null when the URL is
     * not one.
     */
    public static byte[] dataIcon(String url) {
        int comma = url.indexOf(',');
        if (!url.regionMatches(true, 0, "data:image/", 0, 11) || comma < 0
                || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(url.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The fetched icon's facts; only a 2xx answer with a body is hashed, as nothing else is the icon. */
    public static Favicon hash(String url, int status, byte[] bytes) {
        if (status < 200 || status > 299) {
            return new Favicon(url, status, (long) bytes.length, null, null, "status " + status);
        }
        if (bytes.length == 0) {
            return new Favicon(url, status, 0L, null, null, "empty body");
        }
        return new Favicon(url, status, (long) bytes.length, Hashes.faviconMmh3(bytes), Hashes.md5(bytes), null);
    }

    private static boolean isIconRel(String rel) {
        for (String word : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (ICON_RELS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Lenient as browsers are (java.net.URI refuses spaces and other characters pages use). */
    private static String resolve(String base, String href) {
        try {
            return new URL(new URL(base), href).toExternalForm();
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
