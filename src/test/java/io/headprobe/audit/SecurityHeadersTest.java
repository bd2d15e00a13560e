package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headprobe.http.Header;

/** One table per rule: headers in, modifier out. Pure functions, no network. */
class SecurityHeadersTest {

    static final String HTTPS = "https://example.org/";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | -25",
            "' ; ' | -25",
            "img-src 'self' | -20",
            "default-src 'self'; script-src 'self' 'unsafe-inline' | -20",
            "default-src 'self' data: | -20",
            "default-src 'self'; script-src 'self' 'unsafe-eval' | -10",
            "default-src 'self' | 5",
            "default-src 'none'; script-src 'self' | 10" })
    void contentSecurityPolicy(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.contentSecurityPolicy(response(HTTPS, "Content-Security-Policy", value)).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | 0",
            "theme=dark; Secure; SameSite=Lax | 5",
            "theme=dark; Secure | 0",
            "theme=dark | -20",
            "SESSIONID=1; HttpOnly | -40",
            "sessionid=1; Secure | -30",
            "csrftoken=1; Secure | -20",
            "theme=dark; Secure; SameSite=Sometimes | -20" })
    void cookies(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.cookies(response(HTTPS, "Set-Cookie", value)).modifier());
    }

    @Test
    void cookiesWithoutSecureCostLessUnderHsts() {
        SecurityHeaders.Response response = new SecurityHeaders.Response(HTTPS, List.of(
                new Header("Strict-Transport-Security", "max-age=63072000"), new Header("Set-Cookie", "theme=dark")));
        assertEquals(-5, SecurityHeaders.cookies(response).modifier());
    }

    @Test
    void corsWithCredentialsForAnyOriginCostsFifty() {
        SecurityHeaders.Response universal = new SecurityHeaders.Response(HTTPS, List.of(
                new Header("Access-Control-Allow-Origin", "*"), new Header("Access-Control-Allow-Credentials", "true")));
        assertEquals(-50, SecurityHeaders.crossOriginResourceSharing(universal).modifier());
        assertEquals(0, SecurityHeaders.crossOriginResourceSharing(response(HTTPS, "Access-Control-Allow-Origin", "*")).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "https://example.org/ | MISSING | -20",
            "https://example.org/ | max-age=abc | -20",
            "https://example.org/ | includeSubDomains | -20",
            "https://example.org/ | max-age=300 | -10",
            "https://example.org/ | max-age=15768000 | 0",
            "https://example.org/ | max-age=\"31536000\"; includeSubDomains; preload | 0",
            "http://example.org/ | max-age=31536000 | -20" })
    void strictTransportSecurity(String url, String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.strictTransportSecurity(response(url, "Strict-Transport-Security", value)).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
            "MISSING | 0",
            "no-referrer | 5",
            "strict-origin-when-cross-origin | 5",
            "unsafe-url | -5",
            "no-referrer-when-downgrade | -5",
            "bogus | -5",
            "unsafe-url, same-origin | 5" })
    void referrerPolicy(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.referrerPolicy(response(HTTPS, "Referrer-Policy", value)).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = { "MISSING | -5", "nosniff | 0", "NoSniff | 0", "sniff | -5" })
    void xContentTypeOptions(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.xContentTypeOptions(response(HTTPS, "X-Content-Type-Options", value)).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = { "MISSING | -20", "DENY | 0", "sameorigin | 0", "yes | -20" })
    void xFrameOptions(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.xFrameOptions(response(HTTPS, "X-Frame-Options", value)).modifier());
    }

    @Test
    void frameAncestorsEarnsTheFramingBonus() {
        assertEquals(5, SecurityHeaders.xFrameOptions(
                response(HTTPS, "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = { "MISSING | 0", "same-origin | 10", "same-site | 10",
            "cross-origin | 0", "whatever | -5" })
    void crossOriginResourcePolicy(String value, int modifier) {
        assertEquals(modifier, SecurityHeaders.crossOriginResourcePolicy(response(HTTPS, "Cross-Origin-Resource-Policy", value)).modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = { "MISSING | false", "same-origin | true", "unsafe-none | false" })
    void crossOriginOpenerPolicyIsReportedNotScored(String value, boolean pass) {
        Audit.Finding finding = SecurityHeaders.crossOriginOpenerPolicy(response(HTTPS, "Cross-Origin-Opener-Policy", value));
        assertEquals(pass, finding.pass());
        assertEquals(0, finding.modifier());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = { "MISSING | false", "require-corp | true", "credentialless | true" })
    void crossOriginEmbedderPolicyIsReportedNotScored(String value, boolean pass) {
        Audit.Finding finding = SecurityHeaders.crossOriginEmbedderPolicy(response(HTTPS, "Cross-Origin-Embedder-Policy", value));
        assertEquals(pass, finding.pass());
        assertEquals(0, finding.modifier());
    }

    @Test
    void permissionsPolicyIsAnExtraFinding() {
        assertEquals(true, SecurityHeaders.permissionsPolicy(response(HTTPS, "Permissions-Policy", "camera=()")).pass());
        assertEquals(false, SecurityHeaders.permissionsPolicy(response(HTTPS, "X-Other", "1")).pass());
    }

    @Test
    void aBareResponseFails() {
        Audit audit = SecurityHeaders.audit("http://example.org/", List.of());
        // csp -25, hsts -20, x-content-type-options -5, x-frame-options -20
        assertEquals(30, audit.score());
        assertEquals("D", audit.grade());
        assertEquals(11, audit.findings().size());
    }

    @Test
    void bonusesCountOnlyFromNinetyUp() {
        List<Header> strong = List.of(
                new Header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
                new Header("Strict-Transport-Security", "max-age=63072000"),
                new Header("X-Content-Type-Options", "nosniff"),
                new Header("Referrer-Policy", "no-referrer"),
                new Header("Cross-Origin-Resource-Policy", "same-origin"));
        Audit audit = SecurityHeaders.audit(HTTPS, strong);
        assertEquals(130, audit.score()); // 100 + csp 10 + xfo 5 + referrer 5 + corp 10
        assertEquals("A+", audit.grade());

        List<Header> weaker = new ArrayList<>(strong);
        weaker.set(1, new Header("Strict-Transport-Security", "max-age=300")); // -10 -> 90, bonuses still count
        assertEquals(120, SecurityHeaders.audit(HTTPS, weaker).score());
        weaker.set(2, new Header("X-Content-Type-Options", "sniff")); // -15 -> 85, no bonuses
        assertEquals(85, SecurityHeaders.audit(HTTPS, weaker).score());
        assertEquals("A-", SecurityHeaders.audit(HTTPS, weaker).grade());
    }

    @ParameterizedTest
    @CsvSource({ "130, A+", "100, A+", "99, A", "90, A", "89, A-", "85, A-", "80, B+", "79, B", "70, B", "65, B-", "60, C+",
            "50, C", "45, C-", "40, D+", "30, D", "25, D-", "24, F", "0, F", "-20, F" })
    void gradesLikeObservatory(int score, String grade) {
        assertEquals(grade, Grade.of(score));
    }

    private static SecurityHeaders.Response response(String url, String name, String value) {
        return new SecurityHeaders.Response(url, value == null ? List.of() : List.of(new Header(name, value)));
    }
}
