package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Observatory's test/subresource-integrity.test.js, each of its HTML files (test/files/
 * test_content_sri_*.html) given by its script tags, on its site mozilla.org served over https;
 * then cases of our own checked against Observatory's code.
 */
class SubresourceIntegrityTest {

    static final String INTEGRITY = "integrity='sha384-zTm/dblzLXQNp3CgY+hfaC/WJ6h4XtNrePh2CW2+rO9GPuNiPb9jmthvAL+oI/dQ' crossorigin='anonymous'";
    static final String OWN = "<script src='/static/js/foo.js'></script>";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no_scripts | <html><head></head><body></body></html> | sri-not-implemented-but-no-scripts-loaded | true | 0",
            "sameorigin1 | " + OWN + " | sri-not-implemented-but-all-scripts-loaded-from-secure-origin | true | 0",
            // the same registrable domain, but protocol-relative: counted as external and insecure
            "sameorigin3 | <script src='//www.mozilla.org/static/js/foo.js'></script>"
                    + " | sri-not-implemented-and-external-scripts-not-loaded-securely | false | -50",
            "sameorigin2 | <script src='https://www.mozilla.org/static/js/foo.js'></script>"
                    + " | sri-not-implemented-but-all-scripts-loaded-from-secure-origin | true | 0",
            "impl_external_https1 | " + OWN + "<script src='https://fb.me/react-0.14.7.min.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-and-external-scripts-loaded-securely | true | 5",
            // localhost has no registrable domain: another site
            "impl_external_https2 | " + OWN + "<script src='https://localhost/react-0.14.7.min.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-and-external-scripts-loaded-securely | true | 5",
            "impl_sameorigin | <script src='/static/js/react-0.14.7.min.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-and-all-scripts-loaded-securely | true | 5",
            "notimpl_external_https | " + OWN + "<script src='https://fb.me/react-0.14.7.min.js'></script>"
                    + " | sri-not-implemented-but-external-scripts-loaded-securely | false | -5",
            "impl_external_http | " + OWN + "<script src='http://fb.me/react-0.14.6.min.js' " + INTEGRITY + "></script>"
                    + "<script src='https://fb.me/react-0.14.7.min.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-but-external-scripts-not-loaded-securely | false | -20",
            "impl_external_noproto | <script src='//fb.me/react-0.14.6.min.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-but-external-scripts-not-loaded-securely | false | -20",
            "notimpl_external_http | " + OWN + "<script src='http://fb.me/react-0.14.6.min.js'></script>"
                    + " | sri-not-implemented-and-external-scripts-not-loaded-securely | false | -50",
            "notimpl_external_noproto | " + OWN + "<script src='//fb.me/react-0.14.6.min.js'></script>"
                    + " | sri-not-implemented-and-external-scripts-not-loaded-securely | false | -50",
            // ours: the worst script decides, whatever the order
            "worst first | <script src='http://fb.me/a.js'></script><script src='https://fb.me/b.js'></script>"
                    + " | sri-not-implemented-and-external-scripts-not-loaded-securely | false | -50",
            // the bonus for the site's own scripts with integrity is lost to any external problem...
            "own then external | <script src='/a.js' " + INTEGRITY + "></script><script src='https://fb.me/b.js'></script>"
                    + " | sri-not-implemented-but-external-scripts-loaded-securely | false | -5",
            // ...and is given whenever nothing was found yet: a good external script finds nothing
            "external then own | <script src='https://fb.me/b.js' " + INTEGRITY + "></script><script src='/a.js' " + INTEGRITY + "></script>"
                    + " | sri-implemented-and-all-scripts-loaded-securely | true | 5",
            // inline scripts count as scripts but are not graded
            "inline only | <script>var a = 1;</script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin | true | 0",
            "empty src and integrity | <script src='https://fb.me/b.js' integrity=''></script><script src=''></script>"
                    + " | sri-not-implemented-but-external-scripts-loaded-securely | false | -5",
            // Observatory's URL tests are case-sensitive: "HTTPS://" is read as a relative URL
            "upper-case scheme | <script src='HTTPS://fb.me/b.js'></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin | true | 0",
            // registrable domains from the Public Suffix List's ICANN part, as tldts reads them
            "same ICANN domain | <script src='https://static.mozilla.org:8443/a.js'></script>"
                    + " | sri-not-implemented-but-all-scripts-loaded-from-secure-origin | true | 0",
            "attribute case and entities | <SCRIPT SRC='https&#58;//fb.me/b.js' INTEGRITY='sha384-x'></SCRIPT>"
                    + " | sri-implemented-and-external-scripts-loaded-securely | true | 5",
            "script in a comment | <!-- <script src='http://fb.me/a.js'></script> --> | sri-not-implemented-but-no-scripts-loaded | true | 0" })
    void observatoryCases(String name, String html, String result, boolean pass, int modifier) {
        Finding finding = SubresourceIntegrity.check(page("https://mozilla.org/", "text/html", html));
        assertEquals(result, finding.result(), finding.detail());
        assertEquals(pass, finding.pass(), finding.detail());
        assertEquals(modifier, finding.modifier());
        assertEquals(SubresourceIntegrity.TEST, finding.test());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            // Observatory "checks for not html"
            "application/json | {\"foo\": \"bar\"} | sri-not-implemented-response-not-html",
            // ours: the media type up to ";", as sent: no trimming, no lower-casing
            "text/html; charset=utf-8 | <script src='http://fb.me/a.js'></script> | sri-not-implemented-and-external-scripts-not-loaded-securely",
            "application/xhtml+xml | <script src='http://fb.me/a.js'></script> | sri-not-implemented-and-external-scripts-not-loaded-securely",
            "Text/HTML | <script src='http://fb.me/a.js'></script> | sri-not-implemented-response-not-html",
            // no Content-Type at all: parsed as HTML
            "'' | <script src='http://fb.me/a.js'></script> | sri-not-implemented-and-external-scripts-not-loaded-securely",
            "text/html | '' | sri-not-implemented-but-no-scripts-loaded" })
    void theContentTypeDecidesWhetherThePageIsRead(String contentType, String body, String result) {
        assertEquals(result, SubresourceIntegrity.check(page("https://mozilla.org/", contentType, body)).result());
    }

    @ParameterizedTest(name = "{2} on {0}")
    @CsvSource(delimiter = '|', value = {
            // a relative script with integrity earns the bonus only over https
            "http://mozilla.org/ | <script src='/a.js' " + INTEGRITY + "></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            "https://www.example.co.uk/ | <script src='https://static.example.co.uk/a.js'></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            "https://www.example.co.uk/ | <script src='https://static.other.co.uk/a.js'></script> | sri-not-implemented-but-external-scripts-loaded-securely",
            // github.io is a private suffix, which tldts leaves out by default: one site for Observatory
            "https://a.github.io/ | <script src='https://b.github.io/a.js'></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            // a TLD not on the list is its own suffix (the list's "*" rule)
            "https://www.example.internal/ | <script src='https://cdn.example.internal/a.js'></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
            "https://www.example.internal/ | <script src='https://cdn.other.internal/a.js'></script> | sri-not-implemented-but-external-scripts-loaded-securely",
            // IP addresses have no registrable domain: all of them compare equal, as in Observatory
            "https://127.0.0.1/ | <script src='https://10.0.0.1/a.js'></script> | sri-not-implemented-but-all-scripts-loaded-from-secure-origin" })
    void registrableDomains(String url, String html, String result) {
        assertEquals(result, SubresourceIntegrity.check(page(url, "text/html", html)).result());
    }

    /** The site is the host the route started at, as Observatory's site is the host it was asked about. */
    @Test
    void theSiteIsWhereTheRouteStarted() {
        AuditedResponse response = page("https://cdn.example.net/landing", "text/html", "<script src='https://example.org/a.js'></script>")
                .withRoute(List.of("http://example.org/", "https://cdn.example.net/landing"));
        assertEquals("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", SubresourceIntegrity.check(response).result());
    }

    @Test
    void notGradedWithoutTheBody() {
        assertNull(SubresourceIntegrity.check(new AuditedResponse("https://mozilla.org/", List.of(new Header("Content-Type", "application/json")))));
    }

    static AuditedResponse page(String url, String contentType, String html) {
        List<Header> headers = new ArrayList<>();
        if (!contentType.isEmpty()) {
            headers.add(new Header("Content-Type", contentType));
        }
        return new AuditedResponse(url, headers).withBody(html);
    }
}
