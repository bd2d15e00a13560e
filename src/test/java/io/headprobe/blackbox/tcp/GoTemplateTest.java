package io.headprobe.blackbox.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** Go's Regexp.Expand, as blackbox applies it to send and to label values. */
class GoTemplateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PONG ${1}|PONG tok",
            "PONG $1|PONG tok",
            "$1x|''", // the group named "1x", which does not exist
            "${1}x|tokx",
            "${word}!|tok!",
            "$word|tok",
            "$9|''",
            "cost: $$1|cost: $1",
            "a $ b|a $ b",
            "${1|${1",
            "end $|end $" })
    void expandsAsGoDoes(String template, String expanded) {
        Matcher match = Pattern.compile("PING :(?P<word>[^ ]+)").matcher("PING :tok");
        match.find();
        assertEquals(expanded, GoTemplate.expand(template, match));
    }
}
