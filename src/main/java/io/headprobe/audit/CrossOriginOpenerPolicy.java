package io.headprobe.audit;

import java.util.Map;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.audit.TokenPolicyHeader.Outcome;

/** Observatory's cross-origin-opener-policy test. */
final class CrossOriginOpenerPolicy {

    static final String TEST = "coop";

    private static final TokenPolicyHeader HEADER = new TokenPolicyHeader(TEST, "Cross-Origin-Opener-Policy",
            "coop-not-implemented", "coop-header-invalid", Map.of(
                    "same-origin", new Outcome("coop-implemented-with-same-origin",
                            "Cross-origin documents opened or opening this one get no window handle to it"),
                    "same-origin-allow-popups", new Outcome("coop-implemented-with-same-origin-allow-popups",
                            "Isolated from cross-origin openers; popups it opens keep a handle"),
                    "noopener-allow-popups", new Outcome("coop-implemented-with-noopener-allow-popups",
                            "Opened in a new browsing context group, even from the same origin"),
                    "unsafe-none", new Outcome("coop-implemented-with-unsafe-none",
                            "Cross-Origin-Opener-Policy set to unsafe-none: no isolation from openers")));

    private CrossOriginOpenerPolicy() {
    }

    static Finding check(AuditedResponse response) {
        return HEADER.check(response);
    }
}
