package io.headprobe.audit;

import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

import io.headprobe.audit.Audit.Finding;

/** Observatory's X-Frame-Options test (src/analyzer/tests/x-frame-options.js). */
public final class XFrameOptions {

    static final String TEST = "x-frame-options";

    /** Observatory looks at no more of the value than this. */
    private static final int MAX_LENGTH = 1024;

    private XFrameOptions() {
    }

    public static Finding check(AuditedResponse response) {
        // Repeated lines arrive joined ("SAMEORIGIN, SAMEORIGIN"), which is not a valid value.
        String header = response.header("X-Frame-Options");
        String result;
        String detail;
        if (header == null || header.isEmpty()) {
            result = "x-frame-options-not-implemented";
            detail = "no X-Frame-Options header";
        } else {
            String value = JsString.trim(JsString.slice(header, MAX_LENGTH)).toLowerCase(Locale.ROOT);
            if (value.equals("deny") || value.equals("sameorigin")) {
                result = "x-frame-options-sameorigin-or-deny";
                detail = "X-Frame-Options " + value.toUpperCase(Locale.ROOT);
            } else if (value.startsWith("allow-from")) {
                result = "x-frame-options-allow-from-origin";
                detail = "X-Frame-Options ALLOW-FROM, which current browsers ignore";
            } else {
                result = "x-frame-options-header-invalid";
                detail = "X-Frame-Options value not recognised";
            }
        }
        // Any frame-ancestors in the enforced CSP supersedes X-Frame-Options, whatever its sources
        // (Observatory does not check them here; its CSP test reports them as antiClickjacking).
        Map<String, SortedSet<String>> csp = ContentSecurityPolicy.effectivePolicy(response);
        if (csp != null && csp.containsKey("frame-ancestors")) {
            result = "x-frame-options-implemented-via-csp";
            detail = "framing controlled by CSP frame-ancestors " + String.join(" ", csp.get("frame-ancestors"));
        }
        boolean pass = !result.equals("x-frame-options-not-implemented") && !result.equals("x-frame-options-header-invalid");
        return ScoreTable.finding(TEST, result, pass, detail);
    }
}
