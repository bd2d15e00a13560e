package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Observatory has no unit tests of parseStructuredFieldToken itself; these inputs are ours, each
 * answer what Observatory's helper (structured-headers 2.0.3) returns for it.
 */
class StructuredFieldTokenTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "same-origin | same-origin",
            "' same-origin  ' | same-origin",
            "'\tsame-origin' | NULL",
            "'same-origin\u00A0' | NULL",
            "\"same-origin\" | NULL",
            "Same-Origin | Same-Origin",
            "*foo | *foo",
            "'a:b/c!#$%&''*+-.^_`|~9' | 'a:b/c!#$%&''*+-.^_`|~9'",
            "'' | NULL",
            "'   ' | NULL",
            "1 | NULL",
            "?1 | NULL",
            "@1 | NULL",
            ":AQID: | NULL",
            "%\"x\" | NULL",
            "\"unterminated | NULL",
            "same-origin, unsafe-none | NULL",
            // parameters
            "same-origin; report-to | same-origin",
            "same-origin; report-to=\"coop-endpoint\" | same-origin",
            "same-origin;report-to=x | same-origin",
            "same-origin;  report-to=x | same-origin",
            "same-origin; report-to=coop endpoint | NULL",
            "same-origin; Report-To=x | NULL",
            "same-origin; | NULL",
            "same-origin ;a | NULL",
            "same-origin; 1a | NULL",
            "same-origin; *a_b.c-d*=1 | same-origin",
            "same-origin;a;a | same-origin",
            "same-origin; a=(1 2) | NULL",
            // numbers: integers of at most 15 digits, decimals of at most 12 + 3
            "same-origin; a=1 | same-origin",
            "same-origin; a=-1.5 | same-origin",
            "same-origin; a=1.2345 | NULL",
            "same-origin; a=1. | NULL",
            "same-origin; a=- | NULL",
            "same-origin; a=-.5 | NULL",
            "same-origin; a=1.2.3 | NULL",
            "same-origin; a=123456789012345 | same-origin",
            "same-origin; a=1234567890123456 | NULL",
            "same-origin; a=123456789012.123 | same-origin",
            "same-origin; a=1234567890123.1 | NULL",
            // booleans
            "same-origin; a=?1 | same-origin",
            "same-origin; a=?2 | NULL",
            "same-origin; a=? | NULL",
            // byte sequences, valid when atob accepts them
            "same-origin; a=:AQID: | same-origin",
            "same-origin; a=:AQI=: | same-origin",
            "same-origin; a=:AQ==: | same-origin",
            "same-origin; a=:AQ: | same-origin",
            "same-origin; a=:: | same-origin",
            "same-origin; a=:A: | NULL",
            "same-origin; a=:AQ=: | NULL",
            "same-origin; a=:A===: | NULL",
            "same-origin; a=:AQ=a: | NULL",
            "same-origin; a=:A Q: | NULL",
            "same-origin; a=:AQ | NULL",
            // dates, which run to the end of the input
            "same-origin; a=@1659578233 | same-origin",
            "same-origin; a=@-1 | same-origin",
            "same-origin; a=@1; b | NULL",
            "same-origin; a=@ | NULL",
            "same-origin; a=@123456789012345 | same-origin",
            "same-origin; a=@1234567890123456 | NULL",
            // display strings: lower-case %xx escapes making UTF-8; a character above U+00FF counts as its low byte
            "same-origin; a=%\"caf%c3%a9\" | same-origin",
            "same-origin; a=%\"%ef%bb%bf\" | same-origin",
            "same-origin; a=%\"%c3\" | NULL",
            "same-origin; a=%\"%C3%A9\" | NULL",
            "same-origin; a=%\"%ed%a0%80\" | NULL",
            "same-origin; a=%\"%c0%80\" | NULL",
            "same-origin; a=%\"%f4%90%80%80\" | NULL",
            "same-origin; a=%\"x | NULL",
            "same-origin; a=%x | NULL",
            "same-origin; a=%\"\u00E9\" | NULL",
            "same-origin; a=%\"\u0141\" | same-origin",
            "same-origin; a=%\"\u01C3\" | NULL",
            // strings: printable ASCII, backslash escapes only a quote or a backslash
            "same-origin; a=\"x\\y\" | NULL",
            "same-origin; a=\"x\\\"y\" | same-origin",
            "same-origin; a=\"\u00E9\" | NULL",
            "same-origin; a=\"x | NULL" })
    void parses(String value, String token) {
        assertEquals(token, StructuredFieldToken.parse(value));
    }
}
