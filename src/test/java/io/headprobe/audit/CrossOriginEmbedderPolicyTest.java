package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/** Observatory's test/cross-origin-embedder-policy.test.js, then cases of our own checked against Observatory's code. */
class CrossOriginEmbedderPolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | coep-not-implemented | true",
            "whimsy | coep-header-invalid | false",
            "\"require-corp\" | coep-header-invalid | false",
            "Require-Corp | coep-header-invalid | false",
            "REQUIRE-CORP | coep-header-invalid | false",
            "require-corp; report-to=coep endpoint | coep-header-invalid | false",
            "require-corp | coep-implemented-with-require-corp | true",
            "credentialless | coep-implemented-with-credentialless | true",
            "unsafe-none | coep-implemented-with-unsafe-none | true",
            "require-corp; report-to=\"coep-endpoint\" | coep-implemented-with-require-corp | true",
            "credentialless; report-to=\"coep-endpoint\" | coep-implemented-with-credentialless | true",
            "require-corp; report-to | coep-implemented-with-require-corp | true",
            // ours
            "'' | coep-not-implemented | true",
            "'   ' | coep-header-invalid | false",
            "'\u00A0credentialless ' | coep-implemented-with-credentialless | true",
            "unsafe-none; report-to=\"x\" | coep-implemented-with-unsafe-none | true",
            "require-corp, require-corp | coep-header-invalid | false",
            "require-corp;report-to=@1 | coep-implemented-with-require-corp | true",
            "require-corp;report-to=@1;a | coep-header-invalid | false" })
    void grades(String value, String result, boolean pass) {
        Finding finding = CrossOriginEmbedderPolicy.check(TestResponses.with("Cross-Origin-Embedder-Policy", value));
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(CrossOriginEmbedderPolicy.TEST, finding.test());
    }

    @Test
    void twoHeaderLinesAreInvalid() {
        Finding finding = CrossOriginEmbedderPolicy.check(
                TestResponses.with("Cross-Origin-Embedder-Policy", "require-corp", "unsafe-none"));
        assertEquals("coep-header-invalid", finding.result());
        assertFalse(finding.pass());
    }
}
