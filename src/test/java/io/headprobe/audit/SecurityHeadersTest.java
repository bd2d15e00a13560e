package io.headprobe.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headprobe.http.Header;

/** The whole audit: which tests run, and how their modifiers make the score (Observatory's scanner). */
class SecurityHeadersTest {

    static final String HTTPS = "https://example.org/";

    /** HeadProbe's short test names, and Observatory's. */
    static final Map<String, String> OBSERVATORY_NAMES = Map.ofEntries(
            Map.entry("csp", "content-security-policy"), Map.entry("cookies", "cookies"),
            Map.entry("coep", "cross-origin-embedder-policy"), Map.entry("coop", "cross-origin-opener-policy"),
            Map.entry("cors", "cross-origin-resource-sharing"), Map.entry("redirection", "redirection"),
            Map.entry("referrer-policy", "referrer-policy"), Map.entry("hsts", "strict-transport-security"),
            Map.entry("sri", "subresource-integrity"),
            Map.entry("x-content-type-options", "x-content-type-options"),
            Map.entry("x-frame-options", "x-frame-options"), Map.entry("corp", "cross-origin-resource-policy"));

    @Test
    void aBareResponseOverHttpScoresThirty() {
        Audit audit = SecurityHeaders.audit("http://example.org/", List.of());
        // csp -25, hsts -20, x-content-type-options -5, x-frame-options -20
        assertEquals(30, audit.score());
        assertEquals("D", audit.grade());
        // Without a known route from http, redirection is not graded: ten findings, not eleven.
        assertEquals(10, audit.findings().size());
    }

    @Test
    void bonusesCountOnlyWhenThePenaltiesLeaveNinety() {
        List<Header> strong = new ArrayList<>(List.of(
                new Header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'"),
                new Header("Strict-Transport-Security", "max-age=63072000"),
                new Header("X-Content-Type-Options", "nosniff"),
                new Header("Referrer-Policy", "no-referrer"),
                new Header("Cross-Origin-Resource-Policy", "same-origin")));
        // csp default-src none 10, x-frame-options via csp 5, referrer 5, corp 10
        assertEquals(130, SecurityHeaders.audit(HTTPS, strong).score());
        strong.set(1, new Header("Strict-Transport-Security", "max-age=300")); // -10: 90, bonuses still count
        assertEquals(120, SecurityHeaders.audit(HTTPS, strong).score());
        strong.set(2, new Header("X-Content-Type-Options", "sniff")); // -15: 85, no bonus
        Audit weaker = SecurityHeaders.audit(HTTPS, strong);
        assertEquals(85, weaker.score());
        assertEquals("A-", weaker.grade());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Observatory's test/scanner.test.js: 110 A+ and 75 B, with the captured page bodies
            // and CORS preflight answers. mozilla.org loads external scripts without integrity (-5).
            "observatory-mozilla-org | true | 110 | A+",
            "mozilla-org | true | 75 | B",
            // headers alone (no body, no preflight): no subresource-integrity finding, 5 more
            "mozilla-org | false | 80 | B+" })
    void gradesObservatorysCapturedSitesAsItDoes(String fixture, boolean whole, int score, String grade) throws IOException {
        JsonNode site = read(fixture);
        List<String> route = new ArrayList<>();
        site.get("route").forEach(url -> route.add(url.asText()));
        AuditedResponse response = new AuditedResponse(site.get("url").asText(), headers(site.get("headers")), route);
        if (whole) {
            response = response.withBody(site.get("body").asText()).withCorsPreflight(headers(site.get("cors")));
        }

        Audit audit = SecurityHeaders.audit(response);

        Map<String, String> expected = new TreeMap<>();
        site.get("observatory").get("results").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        if (!whole) {
            expected.remove("subresource-integrity");
        }
        Map<String, String> actual = new TreeMap<>();
        audit.findings().forEach(f -> actual.put(OBSERVATORY_NAMES.get(f.test()), f.result()));
        assertEquals(expected, actual);
        assertEquals(score, audit.score());
        assertEquals(grade, audit.grade());
    }

    private static List<Header> headers(JsonNode list) {
        List<Header> headers = new ArrayList<>();
        list.forEach(h -> headers.add(new Header(h.get("name").asText(), h.get("value").asText())));
        return headers;
    }

    private static JsonNode read(String fixture) throws IOException {
        try (InputStream in = SecurityHeadersTest.class.getResourceAsStream("/observatory/" + fixture + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
