package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Observatory's test/strict-transport-security.test.js, one row per case it can express with
 * HeadProbe's input (final URL and headers), then HeadProbe's own edge cases.
 */
class StrictTransportSecurityTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            // Observatory "missing"
            "https://mozilla.org/ | MISSING | hsts-not-implemented | false",
            // Observatory "header invalid"
            "https://mozilla.org/ | includeSubDomains; preload | hsts-header-invalid | false",
            "https://mozilla.org/ | max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains | hsts-header-invalid | false",
            // Observatory "no https": the header on a plain-http response does not count
            "http://mozilla.org/ | max-age=15768000 | hsts-not-implemented-no-https | false",
            // Observatory "invalid cert" is a row of its own test below
            // Observatory "max age too low"
            "https://mozilla.org/ | max-age=86400 | hsts-implemented-max-age-less-than-six-months | false",
            // Observatory "implemented"
            "https://mozilla.org/ | max-age=15768000; includeSubDomains; preload | hsts-implemented-max-age-at-least-six-months | true",
            // Observatory "preloaded" (with TestResponses.PRELOAD, Chromium's entries for these names)
            "https://bugzilla.mozilla.org/ | MISSING | hsts-preloaded | true",
            "https://facebook.com/ | MISSING | hsts-preloaded | true",
            "https://dropboxusercontent.com/ | MISSING | hsts-not-implemented | false",
            // ours: the list's rules (Observatory's isHstsPreloaded)
            "https://www.bugzilla.mozilla.org/ | MISSING | hsts-preloaded | true",
            "https://www.facebook.com/ | MISSING | hsts-not-implemented | false",
            "https://mozilla.org/ | MISSING | hsts-not-implemented | false",
            "https://bugzilla.mozilla.org/ | max-age=300 | hsts-preloaded | true",
            "http://bugzilla.mozilla.org/ | MISSING | hsts-not-implemented-no-https | false" })
    void observatoryCases(String url, String header, String result, boolean pass) {
        assertResult(result, pass, response(url, header == null ? List.of() : List.of(header)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // Observatory "invalid cert": the page was fetched again without TLS verification
            "https://mozilla.org/ | max-age=15768000; includeSubDomains; preload | hsts-invalid-cert | false",
            // ... but the preload list still overrides it, as in Observatory
            "https://bugzilla.mozilla.org/ | max-age=15768000 | hsts-preloaded | true" })
    void invalidCertificate(String url, String header, String result, boolean pass) {
        assertResult(result, pass, response(url, List.of(header)).withVerified(false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // Observatory's six months is 180 days
            "max-age=15552000 | hsts-implemented-max-age-at-least-six-months | true",
            "max-age=15551999 | hsts-implemented-max-age-less-than-six-months | false",
            "max-age=0 | hsts-implemented-max-age-less-than-six-months | false",
            "max-age=-1 | hsts-implemented-max-age-less-than-six-months | false",
            "MAX-AGE=31536000 | hsts-implemented-max-age-at-least-six-months | true",
            "includeSubDomains;max-age=31536000 | hsts-implemented-max-age-at-least-six-months | true",
            "max-age=99999999999999999999999 | hsts-implemented-max-age-at-least-six-months | true",
            // the value is read as parseInt reads it: leading digits
            "max-age=300abc | hsts-implemented-max-age-less-than-six-months | false",
            // the last max-age wins
            "max-age=31536000; max-age=300 | hsts-implemented-max-age-less-than-six-months | false",
            "max-age | hsts-header-invalid | false",
            "preload | hsts-header-invalid | false",
            "'' | hsts-header-invalid | false",
            // deliberate differences, following RFC 6797: whitespace around "=", a quoted value ...
            "max-age = 31536000 | hsts-implemented-max-age-at-least-six-months | true",
            "max-age=\"31536000\" | hsts-implemented-max-age-at-least-six-months | true",
            "max-age=\"86400\" | hsts-implemented-max-age-less-than-six-months | false",
            // ... and no digits is invalid (Observatory's NaN passes as at least six months)
            "max-age=abc | hsts-header-invalid | false",
            "max-age= | hsts-header-invalid | false" })
    void maxAge(String header, String result, boolean pass) {
        assertResult(result, pass, response("https://example.org/", List.of(header)));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // two lines reach Observatory joined with ", ", so even two valid lines are invalid
            "max-age=31536000 | max-age=31536000 | hsts-header-invalid",
            "max-age=31536000 | includeSubDomains | hsts-header-invalid" })
    void repeatedHeader(String first, String second, String result) {
        assertResult(result, false, response("https://example.org/", List.of(first, second)));
    }

    private static AuditedResponse response(String url, List<String> values) {
        List<Header> headers = new ArrayList<>();
        values.forEach(value -> headers.add(new Header("Strict-Transport-Security", value)));
        return new AuditedResponse(url, headers).withPreload(TestResponses.PRELOAD);
    }

    private static void assertResult(String result, boolean pass, AuditedResponse response) {
        Finding finding = StrictTransportSecurity.check(response);
        assertEquals(result, finding.result(), finding.detail());
        assertEquals(pass, finding.pass(), finding.detail());
        assertEquals(StrictTransportSecurity.TEST, finding.test());
    }
}
