package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/** Observatory's test/cross-origin-resource-policy.test.js, then cases of our own checked against Observatory's code. */
class CrossOriginResourcePolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | corp-not-implemented | true",
            "whimsy | corp-header-invalid | false",
            "same-site | corp-implemented-with-same-site | true",
            "same-origin | corp-implemented-with-same-origin | true",
            "cross-origin | corp-implemented-with-cross-origin | true",
            // ours
            "'' | corp-not-implemented | true",
            "'   ' | corp-not-implemented | true",
            "Same-Site | corp-implemented-with-same-site | true",
            "' cross-origin\u00A0' | corp-implemented-with-cross-origin | true",
            "same-origin; | corp-header-invalid | false" })
    void grades(String value, String result, boolean pass) {
        Finding finding = CrossOriginResourcePolicy.check(TestResponses.with("Cross-Origin-Resource-Policy", value));
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(CrossOriginResourcePolicy.TEST, finding.test());
    }

    @Test
    void twoHeaderLinesAreInvalid() {
        Finding finding = CrossOriginResourcePolicy.check(
                TestResponses.with("Cross-Origin-Resource-Policy", "same-origin", "cross-origin"));
        assertEquals("corp-header-invalid", finding.result());
        assertFalse(finding.pass());
    }
}
