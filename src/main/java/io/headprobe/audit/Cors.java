package io.headprobe.audit;

import java.util.Locale;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's cross-origin-resource-sharing test. Observatory grades a response to a request it
 * sent with an {@code Origin} header; HeadProbe grades the response it has, usually fetched
 * without one. An Access-Control-Allow-Origin that echoes an origin can only be told apart from a
 * fixed allowed origin when the request's origin is known, so without it the response is graded
 * as restricted.
 */
final class Cors {

    static final String TEST = "cors";

    private Cors() {
    }

    static Finding check(AuditedResponse response) {
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
