package io.headprobe.audit;

import java.util.Locale;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's cross-origin-resource-sharing test (src/analyzer/tests/cors.js). Observatory grades
 * the answer to a preflight it sends to the final URL: {@code OPTIONS} with
 * {@code Access-Control-Request-Method: GET} and {@code Origin:} {@link #ORIGIN}. Given that answer,
 * it is graded here the same way; without it (POST /audit with headers only), the page's own
 * headers are graded, and an Access-Control-Allow-Origin that echoes an origin cannot be told
 * apart from a fixed allowed origin, so it counts as restricted.
 */
public final class Cors {

    static final String TEST = "cors";

    /** The Origin of Observatory's preflight (src/config.js, retriever.corsOrigin). */
    public static final String ORIGIN = "https://http-observatory.security.mozilla.org";

    private Cors() {
    }

    static Finding check(AuditedResponse response) {
        if (response.corsPreflight() != null) {
            return check(new AuditedResponse(response.url(), response.corsPreflight()), ORIGIN);
        }
        return check(response, null);
    }

    /** @param requestOrigin the Origin header the response was fetched with, or null when it had none */
    static Finding check(AuditedResponse response, String requestOrigin) {
        String allowOrigin = response.header("Access-Control-Allow-Origin");
        // Observatory tests the value for truthiness: an empty one counts as absent.
        if (allowOrigin == null || allowOrigin.isEmpty()) {
            return ScoreTable.finding(TEST, "cross-origin-resource-sharing-not-implemented", true,
                    "No Access-Control-Allow-Origin header: content is not shared cross-origin");
        }
        // As in Observatory, "*" even with credentials is only public access: browsers refuse
        // credentials for a wildcard origin.
        String allowed = JsString.trim(JsString.slice(allowOrigin, 256)).toLowerCase(Locale.ROOT);
        if (allowed.equals("*")) {
            return ScoreTable.finding(TEST, "cross-origin-resource-sharing-implemented-with-public-access", true,
                    "Public content is visible via Access-Control-Allow-Origin: *");
        }
        String credentials = response.header("Access-Control-Allow-Credentials");
        boolean echoesWithCredentials = allowOrigin.equals(requestOrigin) && credentials != null
                && JsString.trim(credentials.toLowerCase(Locale.ROOT)).equals("true");
        if (echoesWithCredentials) {
            return ScoreTable.finding(TEST, "cross-origin-resource-sharing-implemented-with-universal-access", false,
                    "Content is visible with credentials to any origin: the request's origin " + requestOrigin + " is echoed");
        }
        return ScoreTable.finding(TEST, "cross-origin-resource-sharing-implemented-with-restricted-access", true,
                "Content is visible via cross-origin resource sharing to " + allowed + " only");
    }
}
