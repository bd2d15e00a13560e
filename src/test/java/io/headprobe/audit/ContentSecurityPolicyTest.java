package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.audit.ContentSecurityPolicy.Analysis;
import io.headprobe.audit.ContentSecurityPolicy.Policy;
import io.headprobe.http.Header;

/**
 * Observatory's test/csp.test.js, every case that needs only response headers, on
 * https://mozilla.org/ as there. A table row is one header value; Observatory's assertions on
 * result, pass and the policy flags are kept.
 */
class ContentSecurityPolicyTest {

    static final String URL = "https://mozilla.org/";

    @Test
    void missing() {
        Analysis analysis = analyse();
        assertEquals("csp-not-implemented", analysis.result());
        assertEquals(0, analysis.policies());
        assertFalse(analysis.pass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"  \"",
            "\"\"",
            "default-src 'none'; default-src 'none'", // repeated directives are not allowed
            "default-src 'none'; img-src 'self'; default-src 'none'",
            "default-src 'none'; script-src 'strict-dynamic'", // 'strict-dynamic' without a nonce or hash
            "defa" })
    void headerInvalid(String csp) {
        Analysis analysis = analyse(csp);
        assertEquals("csp-header-invalid", analysis.result());
        assertEquals(1, analysis.policies());
        assertFalse(analysis.pass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // "insecure scheme broad and unsafe"
            "default-src 'none'; script-src https://*",
            "default-src 'none'; script-src 'unsafe-inline'",
            // "unsafe inline"
            "script-src 'unsafe-inline'",
            "script-src data:", // overly broad
            "script-src http:",
            "script-src ftp:",
            "default-src 'unsafe-inline'",
            "default-src 'UNSAFE-INLINE'",
            "upgrade-insecure-requests",
            "script-src 'none'",
            "script-src https:",
            "script-src https://mozilla.org https:",
            "default-src https://mozilla.org https:",
            "default-src 'none'; script-src *",
            "default-src *; script-src *; object-src 'none'",
            "default-src 'none'; script-src 'none'; object-src *",
            "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
            "default-src 'none'; script-src 'unsafe-inline' http:",
            "object-src https:; script-src 'none'",
            // "ignore frame-anchestors in http-equiv", its header: a misspelt directive restricts nothing
            "frame-anchestors 'none'" })
    void unsafeInline(String csp) {
        assertFails(csp, "csp-implemented-with-unsafe-inline", Policy::unsafeInline);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src http://mozilla.org",
            "default-src 'none'; script-src http://mozilla.org",
            "default-src 'none'; script-src http://mozilla.org",
            "default-src 'none'; script-src ftp://mozilla.org" })
    void insecureScheme(String csp) {
        assertFails(csp, "csp-implemented-with-insecure-scheme", Policy::insecureSchemeActive);
    }

    @Test
    void unsafeEval() {
        Analysis analysis = analyse("default-src 'none'; script-src 'unsafe-eval'");
        assertEquals("csp-implemented-with-unsafe-eval", analysis.result());
        assertEquals(Set.of("'unsafe-eval'"), analysis.data().get("script-src"));
        assertFalse(analysis.pass());
        assertTrue(analysis.policy().unsafeEval());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src 'none'; img-src http://mozilla.org",
            "default-src 'self'; img-src ftp:",
            "default-src 'self'; img-src http:",
            "default-src 'none'; img-src https:; media-src http://mozilla.org",
            "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
            "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
            "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'unsafe-inline'" })
    void insecureSchemeInPassiveContentOnly(String csp) {
        assertPasses(csp, "csp-implemented-with-insecure-scheme-in-passive-content-only", Policy::insecureSchemePassive);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
            "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
            "default-src 'unsafe-inline'; script-src https://mozilla.org",
            "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
            "default-src 'none'; style-src data:",
            "default-src 'none'; style-src *",
            "default-src 'none'; style-src https:",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'" })
    void unsafeInlineInStyleSrcOnly(String csp) {
        assertPasses(csp, "csp-implemented-with-unsafe-inline-in-style-src-only", Policy::unsafeInlineStyle);
    }

    /** A nonce or hash makes 'unsafe-inline' harmless (mozilla/http-observatory#88 and #277). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src https://mozilla.org",
            "default-src https://mozilla.org;;; ;;;script-src 'none'",
            "object-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
            "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'",
            "object-src 'none'; style-src 'self';script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='",
            // the two hashes run together into one source, as in Observatory's test
            "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA=''sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='",
            "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; style-src 'none'",
            "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
            "default-src https://mozilla.org; style-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'" })
    void noUnsafe(String csp) {
        Analysis analysis = analyse(csp);
        assertEquals("csp-implemented-with-no-unsafe", analysis.result());
        assertTrue(analysis.pass());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src", // no value is 'none'
            "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
            "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
            "default-src 'none'; object-src https://mozilla.org" })
    void noUnsafeDefaultSrcNone(String csp) {
        Analysis analysis = analyse(csp);
        assertEquals(1, analysis.policies());
        assertPasses(csp, "csp-implemented-with-no-unsafe-default-src-none", Policy::defaultNone);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'",
            "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
            "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
            "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'" })
    void strictDynamic(String csp) {
        Analysis analysis = analyse(csp);
        assertEquals("csp-implemented-with-no-unsafe-default-src-none", analysis.result());
        assertTrue(analysis.policy().strictDynamic());
    }

    /** Flags of "policy analysis" that do not change the result: expected value per flag. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src 'none' | antiClickjacking | false", // default-src does not cover frame-ancestors
            "frame-ancestors * | antiClickjacking | false",
            "frame-ancestors http: | antiClickjacking | false",
            "frame-ancestors https: | antiClickjacking | false",
            "default-src *; frame-ancestors 'none' | antiClickjacking | true",
            "default-src 'none'; base-uri *; object-src * | insecureBaseUri | true",
            "default-src 'none'; base-uri *; object-src * | unsafeObjects | true",
            "default-src 'none'; base-uri https:; object-src https: | insecureBaseUri | true",
            "default-src 'none'; base-uri https:; object-src https: | unsafeObjects | true",
            "default-src * | insecureBaseUri | true",
            "default-src * | unsafeObjects | true",
            "default-src *; base-uri 'none' | insecureBaseUri | false",
            "default-src 'none'; base-uri 'self' | insecureBaseUri | false",
            "default-src 'none'; base-uri https://mozilla.org | insecureBaseUri | false",
            "default-src * http: https: data: 'unsafe-inline' 'unsafe-eval' | insecureSchemePassive | true",
            "default-src 'none'; img-src http: | insecureSchemePassive | true",
            "default-src 'none' https://mozilla.org; img-src http://mozilla.org | insecureSchemePassive | true",
            "default-src https:; media-src http://mozilla.org; script-src http: | insecureSchemePassive | true",
            "default-src *; form-action 'none' | insecureFormAction | false",
            "default-src *; form-action 'self' | insecureFormAction | false",
            "default-src 'none'; form-action 'self' https://mozilla.org | insecureFormAction | false",
            "form-action 'self' https://mozilla.org | insecureFormAction | false",
            "default-src * | insecureFormAction | true",
            "default-src 'none' | insecureFormAction | true", // default-src does not cover form-action
            "form-action https: | insecureFormAction | true" })
    void policyAnalysis(String csp, String flag, boolean expected) {
        Policy policy = analyse(csp).policy();
        Map<String, Boolean> flags = Map.of("antiClickjacking", policy.antiClickjacking(),
                "insecureBaseUri", policy.insecureBaseUri(), "unsafeObjects", policy.unsafeObjects(),
                "insecureSchemePassive", policy.insecureSchemePassive(), "insecureFormAction", policy.insecureFormAction());
        assertEquals(expected, flags.get(flag));
    }

    @Test
    void reportOnly() {
        AuditedResponse response = response(List.of(
                new Header("Content-Security-Policy-Report-Only", "default-src 'none'; report-to /_/csp-reports")));
        Finding finding = ContentSecurityPolicy.check(response);
        assertEquals("csp-not-implemented-but-reporting-enabled", finding.result());
        assertEquals(-25, finding.modifier());
    }

    /**
     * Several policies, on one line separated by commas (Observatory's case, mdn-http-observatory#463)
     * or, equivalently for HeadProbe, one per header line.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "default-src 'none'; script-src 'self', default-src 'none'; script-src 'self'"
                    + " | 2 | default-src 'none'; script-src 'self'",
            // a restrictive policy between two permissive ones: the merge is stricter than either end
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline', default-src 'none'; style-src 'self',"
                    + " default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'"
                    + " | 3 | default-src 'none'; script-src 'self'; style-src 'self'" })
    void multiplePoliciesAreMerged(String csp, int policies, String data) {
        List<Header> oneLine = List.of(new Header("Content-Security-Policy", csp));
        List<Header> lines = new ArrayList<>();
        for (String policy : csp.split(",")) {
            lines.add(new Header("Content-Security-Policy", policy.strip()));
        }
        for (List<Header> headers : List.of(oneLine, lines)) {
            Analysis analysis = ContentSecurityPolicy.analyse(response(headers));
            assertAll(
                    () -> assertNotEquals("csp-header-invalid", analysis.result()),
                    () -> assertEquals(policies, analysis.policies()),
                    () -> assertTrue(analysis.pass()),
                    () -> assertFalse(analysis.policy().unsafeInlineStyle()),
                    () -> assertEquals(directives(data), analysis.data()));
        }
    }

    /**
     * Not Observatory's cases: its rules where they surprise, checked against its own code under
     * Node, and the result ids its tests do not reach.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // insecure schemes count only on https pages
            "http://mozilla.org/ | default-src http://mozilla.org | csp-implemented-with-no-unsafe | true | 5",
            "http://mozilla.org/ | default-src 'none'; img-src http: | csp-implemented-with-no-unsafe-default-src-none | true | 10",
            // every directive but img-src and media-src is active content, report-uri included
            "https://mozilla.org/ | default-src 'self'; report-uri http://r.example | csp-implemented-with-insecure-scheme | false | -20",
            // a nonce in default-src removes 'unsafe-inline' from it, so default-src is no longer just 'none'
            "https://mozilla.org/ | default-src 'none' 'nonce-a' 'unsafe-inline' | csp-implemented-with-no-unsafe | true | 5",
            // repeated report-uri: passes, but without the bonus
            "https://mozilla.org/ | default-src 'none'; report-uri /a; report-uri /b | csp-implemented-but-duplicate-directives | true | 0",
            // a policy of empty directives is no policy
            "https://mozilla.org/ | ;;;;;; | csp-not-implemented | false | -25" })
    void observatoryRules(String url, String csp, String result, boolean pass, int modifier) {
        Finding finding = ContentSecurityPolicy.check(new AuditedResponse(url,
                List.of(new Header("Content-Security-Policy", csp))));
        assertEquals(new Finding(ContentSecurityPolicy.TEST, result, pass, modifier, finding.detail()), finding);
    }

    private static void assertFails(String csp, String result, Predicate<Policy> flag) {
        Analysis analysis = analyse(csp);
        assertEquals(result, analysis.result());
        assertFalse(analysis.pass());
        assertTrue(flag.test(analysis.policy()));
    }

    private static void assertPasses(String csp, String result, Predicate<Policy> flag) {
        Analysis analysis = analyse(csp);
        assertEquals(result, analysis.result());
        assertTrue(analysis.pass());
        assertTrue(flag.test(analysis.policy()));
    }

    private static Analysis analyse(String... csp) {
        List<Header> headers = new ArrayList<>();
        for (String value : csp) {
            headers.add(new Header("Content-Security-Policy", value));
        }
        return ContentSecurityPolicy.analyse(response(headers));
    }

    private static AuditedResponse response(List<Header> headers) {
        List<Header> all = new ArrayList<>(headers);
        all.add(new Header("Content-Type", "text/html"));
        return new AuditedResponse(URL, all);
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
