package io.headprobe.audit;

import java.util.Map;

import io.headprobe.audit.Audit.Finding;
import io.headprobe.audit.TokenPolicyHeader.Outcome;

/** Observatory's cross-origin-embedder-policy test. */
final class CrossOriginEmbedderPolicy {

    static final String TEST = "coep";

    private static final TokenPolicyHeader HEADER = new TokenPolicyHeader(TEST, "Cross-Origin-Embedder-Policy",
            "coep-not-implemented", "coep-header-invalid", Map.of(
                    "require-corp", new Outcome("coep-implemented-with-require-corp",
                            "Cross-origin resources load only with CORS or a Cross-Origin-Resource-Policy allowing it"),
                    "credentialless", new Outcome("coep-implemented-with-credentialless",
                            "Cross-origin resources without CORS load without credentials"),
                    "unsafe-none", new Outcome("coep-implemented-with-unsafe-none",
                            "Cross-Origin-Embedder-Policy set to unsafe-none: any cross-origin resource may load")));

    private CrossOriginEmbedderPolicy() {
    }

    static Finding check(AuditedResponse response) {
        return HEADER.check(response);
    }
}
