package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Observatory's test/csp-parser.test.js, case for case. Policies are separated by ", " in the tables. */
class CspParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // one policy with one directive
            "default-src 'none' | default-src 'none'",
            // one policy with multiple directives
            "default-src 'none'; script-src 'self' https://mozilla.org | default-src 'none'; script-src 'self' https://mozilla.org",
            // two identical policies
            "default-src 'none'; script-src 'self' https://mozilla.org, default-src 'none'; script-src 'self' https://mozilla.org"
                    + " | default-src 'none'; script-src 'self' https://mozilla.org",
            // a source only in the second policy is dropped
            "default-src 'none'; script-src 'self' https://mozilla.org, default-src 'none'; script-src 'self' https://mozilla.org https://example.com"
                    + " | default-src 'none'; script-src 'self' https://mozilla.org",
            // the same, sources in another order
            "default-src 'none'; script-src 'self' https://mozilla.org, default-src 'none'; script-src https://example.com 'self' https://mozilla.org"
                    + " | default-src 'none'; script-src 'self' https://mozilla.org",
            // two differing sites: nothing in common
            "default-src https://mozilla.org, default-src https://mozilla.com | default-src 'none'",
            "default-src https://mozilla.org https://mozilla.net, default-src https://mozilla.com https://mozilla.io | default-src 'none'",
            // two in common
            "default-src https://mozilla.org https://mozilla.net https://mozilla.com https://mozilla.io,"
                    + " default-src https://mozilla.pizza https://mozilla.ninja https://mozilla.net https://mozilla.org"
                    + " | default-src https://mozilla.net https://mozilla.org",
            // four policies, two in common
            "default-src https://mozilla.org https://mozilla.net https://mozilla.com https://mozilla.io,"
                    + " default-src https://mozilla.pizza https://mozilla.ninja https://mozilla.net https://mozilla.org,"
                    + " default-src https://mozilla.net https://mozilla.fox https://mozilla.fire https://mozilla.org,"
                    + " default-src https://mozilla.browser https://mozilla.web https://mozilla.net https://mozilla.org"
                    + " | default-src https://mozilla.net https://mozilla.org",
            // overlapping paths
            "default-src https://mozilla.org/fire, default-src https://mozilla.org/firefox/ | default-src 'none'",
            "default-src https://mozilla.org/firefox/, default-src https://mozilla.org/firefox/download/"
                    + " | default-src https://mozilla.org/firefox/download/",
            "default-src https://mozilla.org/firefox/download/, default-src https://mozilla.org/firefox/"
                    + " | default-src https://mozilla.org/firefox/download/",
            // http: and https: have nothing in common
            "default-src http:, default-src https: | default-src 'none'",
            "default-src http: http:, default-src https: https: | default-src 'none'" })
    void mergesPolicies(String policies, String expected) {
        assertEquals(directives(expected), CspParser.parse(split(policies)).directives());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "  ",
            "\r\n",
            "\r\n\r\n\r\n\r\n\r\n\r\n",
            "",
            "default-src 'none'; default-src 'none'", // repeated directives are not allowed
            "default-src 'none'; img-src 'self'; default-src 'none'",
            "defa" })
    void rejectsInvalidPolicies(String policy) {
        assertThrows(CspParser.InvalidPolicyException.class, () -> CspParser.parse(List.of(policy)));
    }

    @Test
    void parsesARealWorldHeader() {
        String cnn = "default-src 'self' blob: https://*.cnn.com:* http://*.cnn.com:* *.cnn.io:* *.cnn.net:* *.turner.com:*"
                + " *.turner.io:* *.ugdturner.com:* courageousstudio.com *.vgtf.net:*; script-src 'unsafe-eval' 'unsafe-inline'"
                + " 'self' *; style-src 'unsafe-inline' 'self' blob: *; child-src 'self' blob: *; frame-src 'self' *;"
                + " object-src 'self' *; img-src 'self' data: blob: *; media-src 'self' data: blob: *; font-src 'self' data: *;"
                + " connect-src 'self' data: *; frame-ancestors 'self' https://*.cnn.com:* http://*.cnn.com https://*.cnn.io:*"
                + " http://*.cnn.io:* *.turner.com:* courageousstudio.com;";
        assertEquals(11, CspParser.parse(List.of(cnn)).directives().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "report-uri https://www.dropbox.com/csp_log?policy_name=metaserver-whitelist ;"
                    + " report-uri https://www.dropbox.com/csp_log?policy_name=metaserver-dynamic | report-uri",
            "report-to some_name ; report-to some_other_name | report-to" })
    void reportsAllowedDuplicates(String policy, String duplicate) {
        assertEquals(Set.of(duplicate), CspParser.parse(List.of(policy)).allowedDuplicates());
    }

    /**
     * Not Observatory's cases: its behaviour where it is surprising, checked against its own code
     * under Node, so that a "simplification" here shows up as a failure.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // only neighbours in ICU order are pruned, and ICU puts ':' before '/'
            "script-src https://a.com https://a.com/ https://a.com:443 | script-src https://a.com https://a.com/",
            // a repeated report-uri replaces the earlier one
            "report-uri /a; report-uri /b | report-uri /b",
            // a directive only in a later policy is merged down to 'none', though the earlier policy does not restrict it
            "script-src 'self', default-src https://x | script-src 'self'; default-src 'none'",
            // a scheme source does not cover a host source in the merge
            "default-src https:, default-src https://a.com | default-src 'none'",
            // from the third policy on, what the second kept stays kept: b.com survives though the third forbids it
            "default-src https://a.com https://b.com, default-src https://a.com https://b.com, default-src https://a.com"
                    + " | default-src https://a.com https://b.com" })
    void mergesAsObservatoryDoes(String policies, String expected) {
        assertEquals(directives(expected), CspParser.parse(split(policies)).directives());
    }

    /** Paths are percent-decoded when policies are merged, and JavaScript's decodeURIComponent throws on a bad escape. */
    @Test
    void rejectsAMalformedEscapeMetWhileMerging() {
        assertThrows(CspParser.InvalidPolicyException.class,
                () -> CspParser.parse(List.of("default-src https://a.com/%zz", "default-src https://a.com/%zz")));
    }

    private static List<String> split(String policies) {
        return Arrays.stream(policies.split(",")).map(String::strip).toList();
    }

    /** "a x y; b z" as {a=[x, y], b=[z]}. */
    private static Map<String, Set<String>> directives(String policy) {
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> words = List.of(directive.strip().split("\\s+"));
            directives.put(words.get(0), Set.copyOf(words.subList(1, words.size())));
        }
        return directives;
    }
}
