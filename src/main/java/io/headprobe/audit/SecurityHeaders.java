package io.headprobe.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.http.Header;

/**
 * Grades response headers the way MDN HTTP Observatory does: the score starts at 100, each test
 * adds a modifier, and bonuses count only when the penalties alone leave at least 90. The modifiers
 * are Observatory's SCORE_TABLE; the tests that need more than headers (redirection, SRI, the HSTS
 * preload list) are left out. COOP, COEP and Permissions-Policy are reported but not scored,
 * as in Observatory.
 */
public final class SecurityHeaders {

    private static final int MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;
    private static final long SIX_MONTHS_SECONDS = 15_768_000;

    /** The tests, in the order their findings are listed. */
    private static final List<Function<Response, Finding>> TESTS = List.of(
            SecurityHeaders::contentSecurityPolicy,
            SecurityHeaders::cookies,
            SecurityHeaders::crossOriginResourceSharing,
            SecurityHeaders::strictTransportSecurity,
            SecurityHeaders::referrerPolicy,
            SecurityHeaders::xContentTypeOptions,
            SecurityHeaders::xFrameOptions,
            SecurityHeaders::crossOriginResourcePolicy,
            SecurityHeaders::crossOriginOpenerPolicy,
            SecurityHeaders::crossOriginEmbedderPolicy,
            SecurityHeaders::permissionsPolicy);

    private SecurityHeaders() {
    }

    public static Audit audit(AuditedResponse response) {
        return audit(response.url(), response.headers());
    }

    public static Audit audit(String url, List<Header> headers) {
        Response response = new Response(url, headers);
        List<Finding> findings = TESTS.stream().map(test -> test.apply(response)).toList();
        int penalties = findings.stream().mapToInt(Finding::modifier).filter(m -> m < 0).sum();
        int bonuses = findings.stream().mapToInt(Finding::modifier).filter(m -> m > 0).sum();
        int score = 100 + penalties;
        if (score >= MINIMUM_SCORE_FOR_EXTRA_CREDIT) {
            score += bonuses;
        }
        score = Math.max(0, score);
        return new Audit(score, Grade.of(score), findings);
    }

    static Finding contentSecurityPolicy(Response response) {
        String header = response.first("Content-Security-Policy");
        if (header == null) {
            return scored("csp", -25, "Content-Security-Policy header not implemented");
        }
        Map<String, List<String>> csp = Csp.parse(header);
        if (csp.isEmpty()) {
            return scored("csp", -25, "Content-Security-Policy header cannot be parsed");
        }
        List<String> scripts = csp.getOrDefault("script-src", csp.get("default-src"));
        if (scripts == null) {
            return scored("csp", -20, "neither script-src nor default-src restricts scripts");
        }
        if (scripts.contains("'unsafe-inline'") || scripts.contains("data:")) {
            return scored("csp", -20, "scripts allow 'unsafe-inline' or data:");
        }
        if (scripts.contains("'unsafe-eval'")) {
            return scored("csp", -10, "scripts allow 'unsafe-eval'");
        }
        if (List.of("'none'").equals(csp.get("default-src"))) {
            return scored("csp", 10, "default-src 'none' and nothing unsafe");
        }
        return scored("csp", 5, "implemented without 'unsafe-inline' or 'unsafe-eval'");
    }

    static Finding cookies(Response response) {
        List<Cookie> cookies = response.all("Set-Cookie").stream().map(Cookie::parse).toList();
        if (cookies.isEmpty()) {
            return scored("cookies", 0, "no cookies set");
        }
        boolean hsts = response.https() && response.first("Strict-Transport-Security") != null;
        List<Finding> problems = new ArrayList<>();
        for (Cookie cookie : cookies) {
            if (!cookie.has("secure") && cookie.isSession()) {
                problems.add(scored("cookies", hsts ? -10 : -40, "session cookie " + cookie.name() + " without Secure"));
            } else if (!cookie.has("secure")) {
                problems.add(scored("cookies", hsts ? -5 : -20, "cookie " + cookie.name() + " without Secure"));
            }
            if (!cookie.has("httponly") && cookie.isSession()) {
                problems.add(scored("cookies", -30, "session cookie " + cookie.name() + " without HttpOnly"));
            }
            String sameSite = cookie.value("samesite");
            if (sameSite != null && !Set.of("strict", "lax", "none").contains(sameSite.toLowerCase(Locale.ROOT))) {
                problems.add(scored("cookies", -20, "cookie " + cookie.name() + " has an invalid SameSite value"));
            } else if (sameSite == null && cookie.isAntiCsrf()) {
                problems.add(scored("cookies", -20, "anti-CSRF cookie " + cookie.name() + " without SameSite"));
            }
        }
        if (!problems.isEmpty()) {
            return problems.stream().min((a, b) -> Integer.compare(a.modifier(), b.modifier())).orElseThrow();
        }
        boolean allSameSite = cookies.stream().allMatch(c -> c.value("samesite") != null);
        return allSameSite
                ? scored("cookies", 5, "all cookies Secure, session cookies HttpOnly, all with SameSite")
                : scored("cookies", 0, "all cookies Secure and session cookies HttpOnly; SameSite missing on some");
    }

    static Finding crossOriginResourceSharing(Response response) {
        String origin = response.first("Access-Control-Allow-Origin");
        if (origin == null) {
            return scored("cors", 0, "no CORS headers");
        }
        boolean credentials = "true".equalsIgnoreCase(strip(response.first("Access-Control-Allow-Credentials")));
        if (origin.strip().equals("*") && credentials) {
            return scored("cors", -50, "Access-Control-Allow-Origin: * with credentials allowed");
        }
        return scored("cors", 0, origin.strip().equals("*") ? "public content visible to any origin"
                : "visible to " + origin.strip() + " only");
    }

    static Finding strictTransportSecurity(Response response) {
        if (!response.https()) {
            return scored("hsts", -20, "HSTS cannot be set: the site is not served over HTTPS");
        }
        String header = response.first("Strict-Transport-Security");
        if (header == null) {
            return scored("hsts", -20, "Strict-Transport-Security header not implemented");
        }
        Long maxAge = null;
        for (String directive : header.split(";")) {
            String[] pair = directive.strip().split("=", 2);
            if (pair[0].strip().equalsIgnoreCase("max-age") && pair.length == 2) {
                try {
                    maxAge = Long.parseLong(pair[1].strip().replace("\"", ""));
                } catch (NumberFormatException e) {
                    maxAge = null;
                }
            }
        }
        if (maxAge == null || maxAge < 0) {
            return scored("hsts", -20, "Strict-Transport-Security header cannot be recognized");
        }
        if (maxAge < SIX_MONTHS_SECONDS) {
            return scored("hsts", -10, "max-age " + maxAge + " is less than six months");
        }
        return scored("hsts", 0, "max-age of at least six months");
    }

    static Finding referrerPolicy(Response response) {
        String header = response.first("Referrer-Policy");
        if (header == null) {
            return scored("referrer-policy", 0, "Referrer-Policy header not implemented");
        }
        Set<String> privateValues = Set.of("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
        Set<String> unsafeValues = Set.of("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade");
        String effective = null;
        // Browsers use the last value they understand.
        for (String value : header.toLowerCase(Locale.ROOT).split(",")) {
            String policy = value.strip();
            if (privateValues.contains(policy) || unsafeValues.contains(policy)) {
                effective = policy;
            }
        }
        if (effective == null) {
            return scored("referrer-policy", -5, "Referrer-Policy header cannot be recognized");
        }
        return privateValues.contains(effective)
                ? scored("referrer-policy", 5, "Referrer-Policy " + effective + " keeps referrers private")
                : scored("referrer-policy", -5, "Referrer-Policy " + effective + " leaks referrers");
    }

    static Finding xContentTypeOptions(Response response) {
        String header = response.first("X-Content-Type-Options");
        if (header == null) {
            return scored("x-content-type-options", -5, "X-Content-Type-Options header not implemented");
        }
        return header.strip().equalsIgnoreCase("nosniff")
                ? scored("x-content-type-options", 0, "set to nosniff")
                : scored("x-content-type-options", -5, "X-Content-Type-Options header cannot be recognized");
    }

    static Finding xFrameOptions(Response response) {
        String csp = response.first("Content-Security-Policy");
        if (csp != null && Csp.parse(csp).containsKey("frame-ancestors")) {
            return scored("x-frame-options", 5, "framing restricted by CSP frame-ancestors");
        }
        String header = response.first("X-Frame-Options");
        if (header == null) {
            return scored("x-frame-options", -20, "X-Frame-Options header not implemented");
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.equals("deny") || value.equals("sameorigin") || value.startsWith("allow-from ")) {
            return scored("x-frame-options", 0, "X-Frame-Options " + header.strip());
        }
        return scored("x-frame-options", -20, "X-Frame-Options header cannot be recognized");
    }

    static Finding crossOriginResourcePolicy(Response response) {
        String header = response.first("Cross-Origin-Resource-Policy");
        if (header == null) {
            return scored("corp", 0, "Cross-Origin-Resource-Policy not implemented (defaults to cross-origin)");
        }
        return switch (header.strip().toLowerCase(Locale.ROOT)) {
            case "same-origin", "same-site" -> scored("corp", 10, "Cross-Origin-Resource-Policy " + header.strip());
            case "cross-origin" -> scored("corp", 0, "Cross-Origin-Resource-Policy allows cross-origin use");
            default -> scored("corp", -5, "Cross-Origin-Resource-Policy header cannot be recognized");
        };
    }

    static Finding crossOriginOpenerPolicy(Response response) {
        return unscored(response, "coop", "Cross-Origin-Opener-Policy", Set.of("same-origin", "same-origin-allow-popups"));
    }

    static Finding crossOriginEmbedderPolicy(Response response) {
        return unscored(response, "coep", "Cross-Origin-Embedder-Policy", Set.of("require-corp", "credentialless"));
    }

    static Finding permissionsPolicy(Response response) {
        String header = response.first("Permissions-Policy");
        return header == null
                ? new Finding("permissions-policy", null, false, 0, "Permissions-Policy not set (not scored)")
                : new Finding("permissions-policy", null, true, 0, "Permissions-Policy set (not scored)");
    }

    private static Finding unscored(Response response, String test, String name, Set<String> strict) {
        String header = response.first(name);
        if (header == null) {
            return new Finding(test, null, false, 0, name + " not set (not scored)");
        }
        String value = header.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return new Finding(test, null, strict.contains(value), 0, name + " " + header.strip() + " (not scored)");
    }

    private static Finding scored(String test, int modifier, String detail) {
        return new Finding(test, null, modifier >= 0, modifier, detail);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** The headers of one response, looked up without regard to case. */
    record Response(String url, List<Header> headers) {

        boolean https() {
            return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://");
        }

        String first(String name) {
            return Header.first(headers, name);
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }
    }

    /** Content-Security-Policy as directive name -> source list (the first occurrence wins, as in browsers). */
    static final class Csp {
        private Csp() {
        }

        static Map<String, List<String>> parse(String header) {
            Map<String, List<String>> directives = new HashMap<>();
            for (String directive : header.split(";")) {
                String[] words = directive.strip().toLowerCase(Locale.ROOT).split("\\s+");
                if (!words[0].isEmpty()) {
                    directives.putIfAbsent(words[0], Arrays.asList(words).subList(1, words.length));
                }
            }
            return directives;
        }
    }

    /** A Set-Cookie header: its name and its attributes (lower-cased names). */
    record Cookie(String name, Map<String, String> attributes) {

        static Cookie parse(String header) {
            String[] parts = header.split(";");
            String name = parts[0].split("=", 2)[0].strip();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                attributes.put(pair[0].strip().toLowerCase(Locale.ROOT), pair.length == 2 ? pair[1].strip() : "");
            }
            return new Cookie(name, attributes);
        }

        boolean has(String attribute) {
            return attributes.containsKey(attribute);
        }

        String value(String attribute) {
            return attributes.get(attribute);
        }

        boolean isSession() {
            String lower = name.toLowerCase(Locale.ROOT);
            return !isAntiCsrf() && (lower.contains("sess") || lower.equals("sid") || lower.contains("auth"));
        }

        boolean isAntiCsrf() {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.contains("csrf") || lower.contains("xsrf");
        }
    }
}
