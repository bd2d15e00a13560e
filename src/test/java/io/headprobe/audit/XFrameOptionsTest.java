package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Observatory's test/x-frame-options.test.js, every case that needs only response headers.
 * Header lines in a cell are separated by " ¦ "; MISSING means no such header.
 */
class XFrameOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "MISSING", value = {
            "MISSING | MISSING | x-frame-options-not-implemented | false | -20",
            "whimsy | MISSING | x-frame-options-header-invalid | false | -20",
            // common to see this header sent more than once: Observatory sees the lines joined
            "SAMEORIGIN, SAMEORIGIN | MISSING | x-frame-options-header-invalid | false | -20",
            "SAMEORIGIN ¦ SAMEORIGIN | MISSING | x-frame-options-header-invalid | false | -20",
            "ALLOW-FROM https://mozilla.org | MISSING | x-frame-options-allow-from-origin | true | 0",
            "DENY | MISSING | x-frame-options-sameorigin-or-deny | true | 5",
            "SAMEORIGIN | MISSING | x-frame-options-sameorigin-or-deny | true | 5",
            "DENY | frame-ancestors https://mozilla.org | x-frame-options-implemented-via-csp | true | 5",
            // not Observatory's cases, checked against its code: any frame-ancestors counts, whatever
            // it allows and even when the CSP is graded invalid; an unparseable CSP is ignored
            "whimsy | frame-ancestors * | x-frame-options-implemented-via-csp | true | 5",
            "MISSING | script-src 'strict-dynamic'; frame-ancestors 'none' | x-frame-options-implemented-via-csp | true | 5",
            "DENY | defa | x-frame-options-sameorigin-or-deny | true | 5" })
    void xFrameOptions(String xfo, String csp, String result, boolean pass, int modifier) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", "text/html")));
        if (xfo != null) {
            for (String line : xfo.split(" ¦ ")) {
                headers.add(new Header("X-Frame-Options", line));
            }
        }
        if (csp != null) {
            headers.add(new Header("Content-Security-Policy", csp));
        }
        Finding finding = XFrameOptions.check(new AuditedResponse("https://mozilla.org/", headers));
        assertEquals(new Finding(XFrameOptions.TEST, result, pass, modifier, finding.detail()), finding);
    }
}
