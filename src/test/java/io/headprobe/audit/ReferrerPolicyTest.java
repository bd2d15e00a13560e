package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's test/referrer-policy.test.js (without its two {@code <meta http-equiv>} cases:
 * HeadProbe grades headers only), then cases of our own checked against Observatory's code.
 */
class ReferrerPolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "no-referrer | referrer-policy-private | true",
            "same-origin | referrer-policy-private | true",
            "strict-origin | referrer-policy-private | true",
            "STRICT-ORIGIN | referrer-policy-private | true",
            "strict-origin-when-cross-origin | referrer-policy-private | true",
            "MISSING | referrer-policy-not-implemented | true",
            "whimsy | referrer-policy-header-invalid | false",
            "origin | referrer-policy-unsafe | false",
            "origin-when-cross-origin | referrer-policy-unsafe | false",
            "unsafe-url | referrer-policy-unsafe | false",
            "origin-when-cross-origin, no-referrer, unsafe-url | referrer-policy-unsafe | false",
            "no-referrer, unsafe-url | referrer-policy-unsafe | false",
            "no-referrer, whimsy | referrer-policy-private | true",
            "whimsy, whimsy1, whimsy2 | referrer-policy-header-invalid | false",
            // ours
            "no-referrer-when-downgrade | referrer-policy-unsafe | false",
            "'' | referrer-policy-header-invalid | false",
            "unsafe-url, no-referrer | referrer-policy-private | true",
            "' Same-Origin ,whimsy' | referrer-policy-private | true",
            "',,' | referrer-policy-header-invalid | false",
            "no-referrer;unsafe-url | referrer-policy-header-invalid | false",
            "'\u00A0strict-origin\t' | referrer-policy-private | true" })
    void grades(String value, String result, boolean pass) {
        Finding finding = ReferrerPolicy.check(TestResponses.with("Referrer-Policy", value));
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(ReferrerPolicy.TEST, finding.test());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no-referrer | unsafe-url | referrer-policy-unsafe",
            "unsafe-url | no-referrer | referrer-policy-private",
            "whimsy | same-origin | referrer-policy-private" })
    void lastKnownPolicyOfTwoHeaderLinesWins(String first, String second, String result) {
        assertEquals(result, ReferrerPolicy.check(TestResponses.with("Referrer-Policy", first, second)).result());
    }
}
