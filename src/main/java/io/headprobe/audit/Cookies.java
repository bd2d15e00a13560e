package io.headprobe.audit;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's cookie test (src/analyzer/tests/cookies.js): every cookie in the jar is checked
 * and the worst problem found is the result, in Observatory's order of badness.
 */
final class Cookies {

    static final String TEST = "cookies";

    /** Observatory's "goodness" list, best first: a result replaces another only if it comes later. */
    private static final List<String> BADNESS = List.of(
            "cookies-without-secure-flag-but-protected-by-hsts",
            "cookies-without-secure-flag",
            "cookies-session-without-secure-flag-but-protected-by-hsts",
            "cookies-samesite-flag-invalid",
            "cookies-anticsrf-without-samesite-flag",
            "cookies-session-without-httponly-flag",
            "cookies-session-without-secure-flag");

    /** Observatory drops this Heroku cookie before grading (mozilla/http-observatory#282). */
    private static final String HEROKU_AFFINITY = "heroku-session-affinity";

    private static final Set<String> SAME_SITE_VALUES = Set.of("lax", "strict", "none");

    private Cookies() {
    }

    static Finding check(AuditedResponse response) {
        Worst worst = new Worst(BADNESS);
        // Read off the raw lines, since the jar turns an unknown SameSite into none at all.
        for (String line : response.all("Set-Cookie")) {
            if (hasInvalidSameSite(line)) {
                worst.note("cookies-samesite-flag-invalid", "Set-Cookie " + nameOf(line) + " has an invalid SameSite value");
            }
        }
        List<SetCookie> cookies = CookieJar.cookies(response).stream()
                .filter(cookie -> !cookie.name().isEmpty() && !cookie.name().equals(HEROKU_AFFINITY))
                .toList();
        if (cookies.isEmpty()) {
            // Observatory overrides an invalid SameSite on a line the jar refused.
            return finding("cookies-not-found", true, "no cookies set");
        }
        // Only a passing HSTS result protects cookies, not merely the header being there.
        boolean hsts = StrictTransportSecurity.check(response).pass();
        String missingSameSite = null;
        for (SetCookie cookie : cookies) {
            String name = cookie.name().toLowerCase(Locale.ROOT);
            boolean session = name.contains("login") || name.contains("sess");
            boolean antiCsrf = name.contains("csrf");
            if (!cookie.secure() && "none".equals(cookie.sameSite())) {
                worst.note("cookies-samesite-flag-invalid", "cookie " + cookie.name() + " has SameSite=None without Secure");
            }
            if (!cookie.secure()) {
                worst.note(hsts ? "cookies-without-secure-flag-but-protected-by-hsts" : "cookies-without-secure-flag",
                        "cookie " + cookie.name() + " lacks Secure" + (hsts ? " (HSTS keeps it on HTTPS)" : ""));
            }
            if (antiCsrf && cookie.sameSite() == null) {
                worst.note("cookies-anticsrf-without-samesite-flag", "anti-CSRF cookie " + cookie.name() + " has no SameSite");
            }
            if (session && !cookie.secure()) {
                worst.note(hsts ? "cookies-session-without-secure-flag-but-protected-by-hsts" : "cookies-session-without-secure-flag",
                        "session cookie " + cookie.name() + " lacks Secure" + (hsts ? " (HSTS keeps it on HTTPS)" : ""));
            }
            if (session && !cookie.httpOnly()) {
                worst.note("cookies-session-without-httponly-flag", "session cookie " + cookie.name() + " lacks HttpOnly");
            }
            if (cookie.sameSite() == null && missingSameSite == null) {
                missingSameSite = cookie.name();
            }
        }
        if (worst.result() != null) {
            return finding(worst.result(), false, worst.detail());
        }
        if (missingSameSite != null) {
            return finding("cookies-secure-with-httponly-sessions", true,
                    "cookies are Secure and session cookies HttpOnly, but " + missingSameSite + " has no SameSite");
        }
        return finding("cookies-secure-with-httponly-sessions-and-samesite", true,
                "cookies are Secure, session cookies HttpOnly, and all have SameSite");
    }

    /**
     * Observatory's check of a raw line: any attribute named SameSite (the name=value pair too)
     * whose value, up to a second "=", is empty or not lax, strict or none.
     */
    private static boolean hasInvalidSameSite(String line) {
        for (String part : line.strip().split(";", -1)) {
            String[] keyValue = part.strip().split("=", -1);
            if (!keyValue[0].strip().toLowerCase(Locale.ROOT).equals("samesite")) {
                continue;
            }
            if (keyValue.length < 2 || keyValue[1].isEmpty()
                    || !SAME_SITE_VALUES.contains(keyValue[1].strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The cookie's name for a detail, read loosely from a line the jar may have refused. */
    private static String nameOf(String line) {
        String pair = line.split(";", 2)[0];
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')).strip() : pair.strip();
        return name.isEmpty() ? "(unnamed)" : name;
    }

    private static Finding finding(String result, boolean pass, String detail) {
        return ScoreTable.finding(TEST, result, pass, detail);
    }
}
