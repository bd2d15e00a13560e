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
 * script tags of its subresource-integrity test), parsed with jsoup where Observatory uses
 * htmlparser2: attribute names in any case, entities decoded, the first of a repeated attribute
 * kept, as both do.
 */
final class Page {

    /** Observatory's HTML_TYPES, compared with the Content-Type up to its first ";", as sent. */
    static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

    /** One {@code <script>}: an absent or empty attribute is null, as Observatory's "|| null". */
    record Script(String src, String integrity, String crossorigin) {
    }

    /**
     * The page's {@code <meta http-equiv="Content-Security-Policy">} contents in order, and the
     * content of its last {@code <meta name="referrer">} (null when none).
     */
    record Meta(List<String> csp, String referrer) {
        static final Meta NONE = new Meta(List.of(), null);
    }

    private Page() {
    }

    /** The Content-Type's media type as Observatory cuts it: up to the first ";", neither trimmed nor lower-cased. */
    static String mediaType(AuditedResponse response) {
        String contentType = response.contentType();
        return contentType == null ? "" : contentType.split(";", 2)[0];
    }

    /**
     * The meta tags, read only when the body is there and the Content-Type is HTML (a missing
     * Content-Type is not, here, unlike in the subresource-integrity test).
     */
    static Meta meta(AuditedResponse response) {
        if (response.body() == null || response.body().isEmpty() || !HTML_TYPES.contains(mediaType(response))) {
            return Meta.NONE;
        }
        List<String> csp = new ArrayList<>();
        String referrer = null;
        for (Element meta : parse(response.body()).getElementsByTag("meta")) {
            if (meta.hasAttr("http-equiv") && meta.hasAttr("content")) {
                String content = meta.attr("content");
                if (!content.isEmpty() && lowerTrim(meta.attr("http-equiv")).equals("content-security-policy")) {
                    csp.add(content);
                }
            } else if (meta.hasAttr("name") && lowerTrim(meta.attr("name")).equals("referrer") && !meta.attr("content").isEmpty()) {
                referrer = meta.attr("content");
            }
        }
        return new Meta(List.copyOf(csp), referrer);
    }

    /** Every {@code <script>} of the page, in document order. */
    static List<Script> scripts(String body) {
        return parse(body).getElementsByTag("script").stream()
                .map(s -> new Script(nonEmpty(s.attr("src")), nonEmpty(s.attr("integrity")), nonEmpty(s.attr("crossorigin"))))
                .toList();
    }

    private static Document parse(String body) {
        return Jsoup.parse(body);
    }

    private static String lowerTrim(String value) {
        return JsString.trim(value.toLowerCase(Locale.ROOT));
    }

    private static String nonEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
