package io.headprobe.audit;

import java.util.Map;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's score table (src/grader/charts.js, SCORE_TABLE): what each result adds to or takes
 * from the score. A result that is not in the table is a programming error.
 */
final class ScoreTable {

    private static final Map<String, Integer> MODIFIERS = Map.ofEntries(
            Map.entry("csp-implemented-with-no-unsafe-default-src-none", 10),
            Map.entry("csp-implemented-with-no-unsafe", 5),
            Map.entry("csp-implemented-with-unsafe-inline-in-style-src-only", 0),
            Map.entry("csp-implemented-with-insecure-scheme-in-passive-content-only", -10),
            Map.entry("csp-implemented-with-unsafe-eval", -10),
            Map.entry("csp-implemented-with-unsafe-inline", -20),
            Map.entry("csp-implemented-with-insecure-scheme", -20),
            Map.entry("csp-header-invalid", -25),
            Map.entry("csp-not-implemented", -25),
            Map.entry("csp-not-implemented-but-reporting-enabled", -25),
            Map.entry("csp-implemented-but-duplicate-directives", 0),
            Map.entry("cookies-secure-with-httponly-sessions-and-samesite", 5),
            Map.entry("cookies-secure-with-httponly-sessions", 0),
            Map.entry("cookies-not-found", 0),
            Map.entry("cookies-without-secure-flag-but-protected-by-hsts", -5),
            Map.entry("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
            Map.entry("cookies-without-secure-flag", -20),
            Map.entry("cookies-samesite-flag-invalid", -20),
            Map.entry("cookies-anticsrf-without-samesite-flag", -20),
            Map.entry("cookies-session-without-httponly-flag", -30),
            Map.entry("cookies-session-without-secure-flag", -40),
            Map.entry("cross-origin-resource-sharing-not-implemented", 0),
            Map.entry("cross-origin-resource-sharing-implemented-with-public-access", 0),
            Map.entry("cross-origin-resource-sharing-implemented-with-restricted-access", 0),
            Map.entry("cross-origin-resource-sharing-implemented-with-universal-access", -50),
            Map.entry("redirection-all-redirects-preloaded", 0),
            Map.entry("redirection-to-https", 0),
            Map.entry("redirection-not-needed-no-http", 0),
            Map.entry("redirection-off-host-from-http", -5),
            Map.entry("redirection-not-to-https-on-initial-redirection", -10),
            Map.entry("redirection-not-to-https", -20),
            Map.entry("redirection-missing", -20),
            Map.entry("redirection-invalid-cert", -20),
            Map.entry("referrer-policy-private", 5),
            Map.entry("referrer-policy-not-implemented", 0),
            Map.entry("referrer-policy-unsafe", -5),
            Map.entry("referrer-policy-header-invalid", -5),
            Map.entry("hsts-preloaded", 5),
            Map.entry("hsts-implemented-max-age-at-least-six-months", 0),
            Map.entry("hsts-implemented-max-age-less-than-six-months", -10),
            Map.entry("hsts-not-implemented", -20),
            Map.entry("hsts-header-invalid", -20),
            Map.entry("hsts-not-implemented-no-https", -20),
            Map.entry("hsts-invalid-cert", -20),
            Map.entry("sri-implemented-and-all-scripts-loaded-securely", 5),
            Map.entry("sri-implemented-and-external-scripts-loaded-securely", 5),
            Map.entry("sri-not-implemented-response-not-html", 0),
            Map.entry("sri-not-implemented-but-no-scripts-loaded", 0),
            Map.entry("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
            Map.entry("sri-not-implemented-but-external-scripts-loaded-securely", -5),
            Map.entry("sri-implemented-but-external-scripts-not-loaded-securely", -20),
            Map.entry("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
            Map.entry("x-content-type-options-nosniff", 0),
            Map.entry("x-content-type-options-not-implemented", -5),
            Map.entry("x-content-type-options-header-invalid", -5),
            Map.entry("x-frame-options-implemented-via-csp", 5),
            Map.entry("x-frame-options-sameorigin-or-deny", 5),
            Map.entry("x-frame-options-allow-from-origin", 0),
            Map.entry("x-frame-options-not-implemented", -20),
            Map.entry("x-frame-options-header-invalid", -20),
            Map.entry("corp-header-invalid", -5),
            Map.entry("corp-implemented-with-cross-origin", 0),
            Map.entry("corp-implemented-with-same-origin", 10),
            Map.entry("corp-implemented-with-same-site", 10),
            Map.entry("corp-not-implemented", 0),
            Map.entry("coep-implemented-with-require-corp", 10),
            Map.entry("coep-implemented-with-credentialless", 10),
            Map.entry("coep-implemented-with-unsafe-none", 0),
            Map.entry("coep-not-implemented", 0),
            Map.entry("coep-header-invalid", -5),
            Map.entry("coop-implemented-with-same-origin", 10),
            Map.entry("coop-implemented-with-same-origin-allow-popups", 10),
            Map.entry("coop-implemented-with-noopener-allow-popups", 10),
            Map.entry("coop-implemented-with-unsafe-none", 0),
            Map.entry("coop-not-implemented", 0),
            Map.entry("coop-header-invalid", -5));

    private ScoreTable() {
    }

    static int modifier(String result) {
        Integer modifier = MODIFIERS.get(result);
        if (modifier == null) {
            throw new IllegalArgumentException("not an Observatory result: " + result);
        }
        return modifier;
    }

    /** A finding for {@code result}, scored from the table. */
    static Finding finding(String test, String result, boolean pass, String detail) {
        return new Finding(test, result, pass, modifier(result), detail);
    }
}
