package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.http.Header;

/**
 * Observatory's cases that read {@code <meta>} tags from its HTML files
 * (test/files/test_parse_http_equiv_headers_*.html, given here by their meta tags) in
 * test/csp.test.js, test/x-frame-options.test.js and test/referrer-policy.test.js, then ours.
 */
class MetaTagsTest {

    static final String CSP1 = "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none';\">";
    static final String CSP2 = "<meta http-equiv='Content-Security-Policy' content='default-src https:'>";
    static final String MULTIPLE = "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; object-src 'none'; media-src 'none';\">"
            + "<meta http-equiv='Content-SECURITY-Policy' content=\"connect-src 'self'; font-src 'self'; child-src 'self'\">"
            + "<meta http-equiv=' Content-Security-Policy ' content=\"img-src 'self'; style-src 'self' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ\">"
            + "<meta http-equiv='Content-security-Policy' content=\"script-src 'self' 'unsafe-inline' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ'\">";
    static final String NOT_ALLOWED = "<meta http-equiv='Content-Security-Policy' content=\"frame-ancestors 'none'\">";
    static final String REFERRER = "<meta name='referrer' content='no-referrer, same-origin'>";

    @ParameterizedTest(name = "{0} + header {1}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            // Observatory "no unsafe default src none": header and meta merge as two policies
            CSP2 + " | default-src http: | csp-implemented-with-no-unsafe-default-src-none | 2",
            CSP1 + " | MISSING | csp-implemented-with-no-unsafe-default-src-none | 1",
            MULTIPLE + " | MISSING | csp-implemented-with-no-unsafe-default-src-none | 4",
            CSP1 + " | default-src 'none' | csp-implemented-with-no-unsafe-default-src-none | 2",
            CSP2 + " | default-src 'none' | csp-implemented-with-no-unsafe-default-src-none | 2",
            CSP1 + " | img-src 'none' | csp-implemented-with-no-unsafe-default-src-none | 2",
            // Observatory "ignore frame-ancestors in http-equiv"
            NOT_ALLOWED + " | MISSING | csp-not-implemented | 1",
            NOT_ALLOWED + " | frame-anchestors 'none' | csp-implemented-with-unsafe-inline | 2",
            // ours: a CSP only in a meta tag is graded as one in the header
            "<meta http-equiv='content-security-policy' content=\"script-src 'unsafe-inline'\"> | MISSING | csp-implemented-with-unsafe-inline | 1",
            // a comma in a meta tag separates policies too
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none', img-src 'self'\"> | MISSING | csp-implemented-with-no-unsafe-default-src-none | 2",
            // an unparseable meta policy makes the merged policy invalid
            "<meta http-equiv='Content-Security-Policy' content='img'> | default-src 'none' | csp-header-invalid | 2",
            // empty content, or no http-equiv, is no policy
            "<meta http-equiv='Content-Security-Policy' content=''><meta content=\"default-src 'none'\"> | MISSING | csp-not-implemented | 0" })
    void contentSecurityPolicy(String meta, String header, String result, int policies) {
        ContentSecurityPolicy.Analysis analysis = ContentSecurityPolicy.analyse(page("text/html", meta, "Content-Security-Policy", header));
        assertEquals(result, analysis.result(), analysis.detail());
        assertEquals(policies, analysis.policies());
    }

    @ParameterizedTest(name = "{0} + CSP {1}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            // Observatory "does not obey x-frame-options in meta equiv tags"
            "<meta http-equiv='X-Frame-Options' content='DENY'> | MISSING | x-frame-options-not-implemented",
            // ours: frame-ancestors in a meta tag does not count alone (the CSP is not implemented)...
            NOT_ALLOWED + " | MISSING | x-frame-options-not-implemented",
            // ...but does once the header has a policy: Observatory's X-Frame-Options test reads the merged policy
            NOT_ALLOWED + " | default-src 'self' | x-frame-options-implemented-via-csp" })
    void xFrameOptions(String meta, String csp, String result) {
        assertEquals(result, XFrameOptions.check(page("text/html", meta, "Content-Security-Policy", csp)).result());
    }

    @ParameterizedTest(name = "{0} + header {1}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            // Observatory "checks for referrer-policy via meta/http-equiv" and "has precedence over the http header"
            REFERRER + " | MISSING | referrer-policy-private",
            REFERRER + " | unsafe-url | referrer-policy-private",
            // ours: the name in any case (Observatory's test_parse_http_equiv_headers_case_insensitivity.html)
            "<meta name='referRer' content='no-referrer, same-origin'> | MISSING | referrer-policy-private",
            "<meta name='referrer' content='unsafe-url'> | no-referrer | referrer-policy-unsafe",
            // the last meta tag wins; one with http-equiv is not read as a referrer tag
            "<meta name='referrer' content='unsafe-url'><meta name='referrer' content='no-referrer'> | MISSING | referrer-policy-private",
            "<meta name='referrer' http-equiv='x' content='unsafe-url'> | MISSING | referrer-policy-not-implemented",
            "<meta http-equiv='Referrer-Policy' content='unsafe-url'> | MISSING | referrer-policy-not-implemented" })
    void referrerPolicy(String meta, String header, String result) {
        assertEquals(result, ReferrerPolicy.check(page("text/html", meta, "Referrer-Policy", header)).result());
    }

    /** Meta tags are read only from an HTML response (text/html or application/xhtml+xml up to ";"). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text/html; charset=utf-8 | csp-implemented-with-no-unsafe-default-src-none",
            "application/xhtml+xml | csp-implemented-with-no-unsafe-default-src-none",
            "text/plain | csp-not-implemented",
            "TEXT/HTML | csp-not-implemented",
            // unlike the subresource-integrity test, no Content-Type is not HTML here
            "'' | csp-not-implemented" })
    void onlyAnHtmlPageHasMetaTags(String contentType, String result) {
        assertEquals(result, ContentSecurityPolicy.analyse(page(contentType, CSP1, "X-Unused", null)).result());
    }

    private static AuditedResponse page(String contentType, String meta, String header, String value) {
        List<Header> headers = new ArrayList<>();
        if (!contentType.isEmpty()) {
            headers.add(new Header("Content-Type", contentType));
        }
        if (value != null) {
            headers.add(new Header(header, value));
        }
        return new AuditedResponse(TestResponses.URL, headers)
                .withBody("<!doctype html><html lang='en'><head><meta charset='UTF-8'>" + meta + "<title>Title</title></head><body></body></html>");
    }
}
