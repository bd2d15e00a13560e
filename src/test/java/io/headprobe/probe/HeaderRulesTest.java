package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a request header given by a caller (API, blackbox module) must meet to go on the wire as given. */
class HeaderRulesTest {

    @ParameterizedTest
    @ValueSource(strings = { "v", "", "a b", "a\tb", "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "en-US,en;q=0.5" })
    void sendsVisibleAsciiWithSpacesAndTabsInside(String value) {
        assertNull(HeaderRules.problem("X-A", value));
    }

    @ParameterizedTest
    @ValueSource(strings = { " v", "v ", "\tv", "v\t", "v\u007f", "a\u0001b", "a\r\nb", "a\u0000b", "caf\u00e9", "a\u0085b" })
    void refusesWhatTheWireWouldRefuseOrChange(String value) {
        assertTrue(HeaderRules.problem("X-A", value) != null, value);
    }

    @Test
    void namesMustBeTokensAndSomeAreHeadProbes() {
        assertEquals("is not a valid header name", HeaderRules.problem("Bad Name", "v"));
        assertTrue(HeaderRules.reserved("HOST"));
        assertTrue(HeaderRules.reserved("te"));
        assertTrue(!HeaderRules.reserved("Accept-Language"));
    }

    @Test
    void checkNamesTheHeaderAndTheProblem() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HeaderRules.check("X-A", "v\u007f"));
        assertEquals("header 'X-A' has a control character (U+007F) in its value", refused.getMessage());
    }
}
