package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;

/** Observatory's test/x-content-type-options.test.js, then cases of our own checked against Observatory's code. */
class XContentTypeOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | x-content-type-options-not-implemented | false",
            "whimsy | x-content-type-options-header-invalid | false",
            "nosniff, nosniff | x-content-type-options-header-invalid | false",
            "nosniff | x-content-type-options-nosniff | true",
            "'nosniff ' | x-content-type-options-nosniff | true",
            // ours
            "'' | x-content-type-options-not-implemented | false",
            "'   ' | x-content-type-options-header-invalid | false",
            "NoSniff | x-content-type-options-nosniff | true",
            "'\u00A0nosniff\t' | x-content-type-options-nosniff | true",
            "nosniff; | x-content-type-options-header-invalid | false" })
    void grades(String value, String result, boolean pass) {
        Finding finding = XContentTypeOptions.check(TestResponses.with("X-Content-Type-Options", value));
        assertEquals(result, finding.result());
        assertEquals(pass, finding.pass());
        assertEquals(XContentTypeOptions.TEST, finding.test());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nosniff | nosniff | x-content-type-options-header-invalid",
            "nosniff | '' | x-content-type-options-header-invalid" })
    void gradesTwoHeaderLinesAsTheirJoinedValue(String first, String second, String result) {
        assertEquals(result, XContentTypeOptions.check(TestResponses.with("X-Content-Type-Options", first, second)).result());
    }
}
