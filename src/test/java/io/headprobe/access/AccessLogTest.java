package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A logged value never breaks the line into other fields or other lines. */
class AccessLogTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "/probe                    | /probe",
            "'/hello/a b'              | '\"/hello/a b\"'",
            "'/x\"y'                   | '\"/x\\\"y\"'",
            "'/a=b'                    | '\"/a=b\"'",
            "''                        | '\"\"'",
            "'/é'                      | '\"/\\u00e9\"'",
    })
    void valuesWithSpacesQuotesOrEqualsAreQuoted(String value, String logged) {
        assertEquals(logged, AccessLog.logfmt(value));
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreEscapedSoOneRequestStaysOneLine() {
        assertEquals("\"/a\\u000aclient=evil\"", AccessLog.logfmt("/a\nclient=evil"));
    }

    @org.junit.jupiter.api.Test
    void everythingOutsidePrintableAsciiIsEscapedC1ControlsToo() {
        // U+009B is the C1 control sequence introducer: a terminal acts on it as on ESC [.
        assertEquals("\"/a\\u009b2J\\u0085\\u00e9\"", AccessLog.logfmt("/a\u009b2J\u0085\u00e9"));
        assertEquals("\"\\u007f\"", AccessLog.logfmt("\u007f"));
    }
}
