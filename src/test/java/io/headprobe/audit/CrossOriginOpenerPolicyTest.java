package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/** Observatory's test/cross-origin-opener-policy.test.js, then cases of our own checked against Observatory's code. */
class CrossOriginOpenerPolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | coop-not-implemented | true",
            "whimsy | coop-header-invalid | false",
            "\"same-origin\" | coop-header-invalid | false",
            "Same-Origin | coop-header-invalid | false",
            "SAME-ORIGIN | coop-header-invalid | false",
            "same-origin; report-to=coop endpoint | coop-header-invalid | false",
            "same-origin | coop-implemented-with-same-origin | true",
            "same-origin-allow-popups | coop-implemented-with-same-origin-allow-popups | true",
            "noopener-allow-popups | coop-implemented-with-noopener-allow-popups | true",
            "unsafe-none | coop-implemented-with-unsafe-none | true",
            "same-origin; report-to=\"coop-endpoint\" | coop-implemented-with-same-origin | true",
            "same-origin-allow-popups; report-to=\"coop-endpoint\" | coop-implemented-with-same-origin-allow-popups | true",
            "same-origin; report-to | coop-implemented-with-same-origin | true",
            // ours
            "'' | coop-not-implemented | true",
            "'   ' | coop-header-invalid | false",
            "'\tsame-origin\u00A0' | coop-implemented-with-same-origin | true",
            "unsafe-none; report-to=\"x\" | coop-implemented-with-unsafe-none | true",
            "noopener-allow-popups;a=?1 | coop-implemented-with-noopener-allow-popups | true",
            "same-origin, same-origin | coop-header-invalid | false",
            "same-origin; | coop-header-invalid | false",
            "same-origin; report-to=:AQ=: | coop-header-invalid | false" })
    void grades(String value, String result, boolean pass) {
        Finding finding = CrossOriginOpenerPolicy.check(TestResponses.with("Cross-Origin-Opener-Policy", value));
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(CrossOriginOpenerPolicy.TEST, finding.test());
    }

    @Test
    void twoHeaderLinesAreInvalid() {
        Finding finding = CrossOriginOpenerPolicy.check(
                TestResponses.with("Cross-Origin-Opener-Policy", "same-origin", "unsafe-none"));
        assertEquals("coop-header-invalid", finding.result());
        assertFalse(finding.pass());
    }
}
