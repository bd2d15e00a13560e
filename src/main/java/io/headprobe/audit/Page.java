package io.headprobe.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What Observatory reads from the page (src/retriever/utils.js parseHttpEquivHeaders, and the
 * script tags of its subresource-integrity test), parsed once with jsoup where Observatory uses
 * htmlparser2: attribute names in any case, entities decoded, the first of a repeated attribute
 * kept, as both do. Whether the page is HTML is decided from the response's Content-Type when the
 * tests read it, as Observatory decides.
 *
 * @param scripts  every {@code <script>} of the page, in document order
 * @param metaCsp  the contents of its {@code <meta http-equiv="Content-Security-Policy">} tags, in order
 * @param referrer the content of its last {@code <meta name="referrer">}, or null
 */
public record Page(List<Script> scripts, List<String> metaCsp, String referrer) {

    /** Observatory's HTML_TYPES, compared with the Content-Type up to its first ";", as sent. */
    static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

    /** One {@code <script>}: an absent or empty attribute is null, as Observatory's "|| null". */
    public record Script(String src, String integrity, String crossorigin) {
    }

    static Page parse(String html) {
        return of(Jsoup.parse(html));
    }

    /** From a page already parsed (by the body read), so that a page is parsed once. */
    static Page of(Document document) {
        List<Script> scripts = document.getElementsByTag("script").stream()
                .map(s -> new Script(nonEmpty(s.attr("src")), nonEmpty(s.attr("integrity")), nonEmpty(s.attr("crossorigin"))))
                .toList();
        List<String> csp = new ArrayList<>();
        String referrer = null;
        for (Element meta : document.getElementsByTag("meta")) {
            if (meta.hasAttr("http-equiv") && meta.hasAttr("content")) {
                String content = meta.attr("content");
                if (!content.isEmpty() && lowerTrim(meta.attr("http-equiv")).equals("content-security-policy")) {
                    csp.add(content);
                }
            } else if (meta.hasAttr("name") && lowerTrim(meta.attr("name")).equals("referrer") && !meta.attr("content").isEmpty()) {
                referrer = meta.attr("content");
            }
        }
        return new Page(scripts, List.copyOf(csp), referrer);
    }

    /** The Content-Type's media type as Observatory cuts it: up to the first ";", neither trimmed nor lower-cased. */
    static String mediaType(AuditedResponse response) {
        String contentType = response.contentType();
        return contentType == null ? "" : contentType.split(";", 2)[0];
    }

    /**
     * The page's meta CSP contents, read only when there is a page and the Content-Type is HTML (a
     * missing Content-Type is not, here, unlike in the subresource-integrity test).
     */
    static List<String> metaCsp(AuditedResponse response) {
        return metaTags(response) ? response.page().metaCsp() : List.of();
    }

    /** The page's meta referrer, under the same condition; null when none. */
    static String metaReferrer(AuditedResponse response) {
        return metaTags(response) ? response.page().referrer() : null;
    }

    private static boolean metaTags(AuditedResponse response) {
        return response.page() != null && HTML_TYPES.contains(mediaType(response));
    }

    private static String lowerTrim(String value) {
        return JsString.trim(value.toLowerCase(Locale.ROOT));
    }

    private static String nonEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
