package io.headprobe.audit;

import java.util.Locale;
import java.util.Set;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's referrer-policy test (src/analyzer/tests/referrer-policy.js): the header and, when
 * the page was read, its {@code <meta name="referrer">}, which comes after the header and so wins.
 */
final class ReferrerPolicy {

    static final String TEST = "referrer-policy";

    private static final Set<String> PRIVATE = Set.of(
            "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
    private static final Set<String> UNSAFE = Set.of(
            "origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade");

    private ReferrerPolicy() {
    }

    static Finding check(AuditedResponse response) {
        String header = response.header("Referrer-Policy");
        String meta = Page.metaReferrer(response);
        if (meta != null) {
            header = header == null ? meta : header + ", " + meta;
        }
        if (header == null) {
            return ScoreTable.finding(TEST, "referrer-policy-not-implemented", true,
                    "Referrer-Policy header not implemented");
        }
        // Browsers ignore policies they do not know and apply the last one they do.
        String policy = null;
        for (String candidate : header.split(",")) {
            String normalized = JsString.trim(candidate.toLowerCase(Locale.ROOT));
            if (PRIVATE.contains(normalized) || UNSAFE.contains(normalized)) {
                policy = normalized;
            }
        }
        if (policy == null) {
            return ScoreTable.finding(TEST, "referrer-policy-header-invalid", false,
                    "Referrer-Policy header names no known policy");
        }
        if (PRIVATE.contains(policy)) {
            return ScoreTable.finding(TEST, "referrer-policy-private", true,
                    "Referrer-Policy " + policy + " keeps referrers private");
        }
        return ScoreTable.finding(TEST, "referrer-policy-unsafe", false,
                "Referrer-Policy " + policy + " leaks referrers to other origins");
    }
}
