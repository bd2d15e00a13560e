package io.headprobe.audit;

import java.util.Locale;

import io.headprobe.audit.Audit.Finding;

/**
 * Observatory's Strict-Transport-Security test (src/analyzer/tests/strict-transport-security.js).
 * A site on the HSTS preload list is {@code hsts-preloaded} whatever its header (or certificate)
 * says; a page fetched over TLS that did not verify is {@code hsts-invalid-cert}, since browsers
 * ignore HSTS from it.
 */
final class StrictTransportSecurity {

    static final String TEST = "hsts";

    /** Observatory's "six months": 180 days, not 182.5, because so many sites send 15552000. */
    private static final long SIX_MONTHS_SECONDS = 15_552_000;

    /** Observatory looks at this much of the header only, as a guard against huge values. */
    private static final int MAX_HEADER_CHARS = 1024;

    /** ... and at this much of the max-age value (its slice(8, 128) of the directive). */
    private static final int MAX_VALUE_CHARS = 120;

    private StrictTransportSecurity() {
    }

    static Finding check(AuditedResponse response) {
        if (!response.https()) {
            return finding("hsts-not-implemented-no-https", false, "the site is not served over HTTPS, so HSTS cannot apply");
        }
        if (response.preload().covers(response.site())) {
            return finding("hsts-preloaded", true, response.site() + " is on the HSTS preload list");
        }
        if (!response.verified()) {
            return finding("hsts-invalid-cert", false, "the certificate did not verify, so browsers ignore Strict-Transport-Security");
        }
        String header = response.header("Strict-Transport-Security");
        if (header == null) {
            return finding("hsts-not-implemented", false, "no Strict-Transport-Security header");
        }
        String value = header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
        // A comma means the header came twice (Node joins repeated lines with ", "); HSTS has no
        // list syntax, so Observatory refuses the whole value.
        if (value.contains(",")) {
            return finding("hsts-header-invalid", false, "Strict-Transport-Security is set more than once (or contains a comma)");
        }
        Long maxAge = maxAge(value);
        if (maxAge == null) {
            return finding("hsts-header-invalid", false, "Strict-Transport-Security has no usable max-age");
        }
        if (maxAge < SIX_MONTHS_SECONDS) {
            return finding("hsts-implemented-max-age-less-than-six-months", false, "max-age=" + maxAge + " is less than six months");
        }
        return finding("hsts-implemented-max-age-at-least-six-months", true, "max-age=" + maxAge + " is at least six months");
    }

    /**
     * The max-age as Observatory reads it: directives split on ";", the last max-age wins, its value
     * read like JavaScript's parseInt (leading digits, so "300abc" is 300). Two deliberate
     * differences, both following RFC 6797: whitespace around "=" is allowed and a quoted value is
     * unquoted, where Observatory misses the first and reads the second as NaN; and a value without
     * digits makes the header invalid, where Observatory's NaN slips past its "less than six months"
     * comparison and passes.
     */
    private static Long maxAge(String header) {
        Long maxAge = null;
        for (String directive : header.split(";")) {
            int equals = directive.indexOf('=');
            if (equals < 0 || !directive.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("max-age")) {
                continue;
            }
            String value = directive.substring(equals + 1).strip();
            if (value.length() > MAX_VALUE_CHARS) {
                value = value.substring(0, MAX_VALUE_CHARS);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            maxAge = leadingInteger(value);
        }
        return maxAge;
    }

    /** JavaScript's parseInt(value, 10) for the values it reads as a number, saturating; else null. */
    private static Long leadingInteger(String value) {
        int start = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        int end = start;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        if (end == start) {
            return null;
        }
        boolean negative = value.charAt(0) == '-';
        String digits = value.substring(start, end).replaceFirst("^0+(?=.)", "");
        if (digits.length() > 18) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long magnitude = Long.parseLong(digits);
        return negative ? -magnitude : magnitude;
    }

    private static Finding finding(String result, boolean pass, String detail) {
        return ScoreTable.finding(TEST, result, pass, detail);
    }
}
