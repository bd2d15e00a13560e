package io.headprobe.audit;

import java.util.Locale;

import io.headprobe.audit.Audit.Finding;

/** Observatory's x-content-type-options test: only {@code nosniff} passes. */
final class XContentTypeOptions {

    static final String TEST = "x-content-type-options";

    private XContentTypeOptions() {
    }

    static Finding check(AuditedResponse response) {
        String header = response.header("X-Content-Type-Options");
        // Observatory tests the value for truthiness: an empty one counts as absent.
        if (header == null || header.isEmpty()) {
            return ScoreTable.finding(TEST, "x-content-type-options-not-implemented", false,
                    "X-Content-Type-Options header not implemented");
        }
        // Two headers are joined into "nosniff, nosniff", which Observatory does not accept.
        if (JsString.trim(JsString.slice(header, 256)).toLowerCase(Locale.ROOT).equals("nosniff")) {
            return ScoreTable.finding(TEST, "x-content-type-options-nosniff", true,
                    "X-Content-Type-Options set to nosniff");
        }
        return ScoreTable.finding(TEST, "x-content-type-options-header-invalid", false,
                "X-Content-Type-Options header is not nosniff");
    }
}
