package io.headprobe.audit;

import java.util.Locale;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's cross-origin-resource-policy test, headers only (Observatory also reads
 * {@code <meta http-equiv>}, which only counts when there is no header).
 */
final class CrossOriginResourcePolicy {

    static final String TEST = "corp";

    private CrossOriginResourcePolicy() {
    }

    static Finding check(AuditedResponse response) {
        String header = response.header("Cross-Origin-Resource-Policy");
        // Observatory checks for emptiness after trimming here, unlike X-Content-Type-Options.
        String policy = header == null ? "" : JsString.trim(JsString.slice(header, 256)).toLowerCase(Locale.ROOT);
        return switch (policy) {
            case "" -> ScoreTable.finding(TEST, "corp-not-implemented", true,
                    "Cross-Origin-Resource-Policy header not implemented");
            case "same-origin" -> ScoreTable.finding(TEST, "corp-implemented-with-same-origin", true,
                    "Resources may only be loaded by the same origin");
            case "same-site" -> ScoreTable.finding(TEST, "corp-implemented-with-same-site", true,
                    "Resources may only be loaded by the same site");
            case "cross-origin" -> ScoreTable.finding(TEST, "corp-implemented-with-cross-origin", true,
                    "Resources may be loaded by any origin");
            // Two headers are joined into one value ("same-origin, cross-origin"), which is invalid.
            default -> ScoreTable.finding(TEST, "corp-header-invalid", false,
                    "Cross-Origin-Resource-Policy header cannot be recognized");
        };
    }
}
